//! An interpellation's sheet, from filing to its end: the question and its filer, the
//! decision on the four criteria, the supports counted and the sample drawn to check
//! them, the mediation's (or workshop's) steps and report, the votation, the meetings
//! linked, and its three documents (letter, fiche, mediation report, PDF or ODT).
//! Where it stands and what is due next show at the top.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use iced::widget::{button, column, pick_list, row, text, text_editor};
use iced::{Alignment, Element, Length, Task};

use super::Up;
use crate::domain::attachment::Owner;
use crate::domain::codes::{CheckResult, DispositifKind, FilingChannel, ParticipationKind};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::DispositifId;
use crate::domain::interpellation::{
    Assessment, CRITERIA, Interpellation, Level, Rules, SupportCheck, Vote, check_counts,
};
use crate::domain::{DomainError, parse, text as fr};
use crate::export::Document;
use crate::import::supporters::{self, SupporterList};
use crate::report::interpellation::Paper;
use crate::store::{Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, describe};
use crate::ui::{theme, widget};

/// A text field of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Directorate,
    Elected,
    Filer,
    Address,
    Question,
    Received,
    Decided,
    Comment(usize),
    Paper,
    Online,
    Seed,
    First,
    Second,
    Agreed,
    Sent,
    VoteFrom,
    VoteTo,
    Places,
    Cast,
    Yes,
    No,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Field(Field, String),
    Channel(FilingChannel),
    Level(ParticipationKind),
    Met(usize, Choice<Option<bool>>),
    Report(text_editor::Action),
    Save,
    Delete,
    ConfirmDelete(bool),
    Back,
    DrawChecks,
    CheckComment(u32, String),
    Check(u32, CheckResult),
    Linked(super::linked::Msg),
    /// Link this meeting to every interpellation of the year (the yearly review).
    YearReview(Choice<crate::domain::ids::MeetingId>),
    Export(Paper, bool),
    /// The path of a supporters' list, typed.
    ListPath(String),
    ChooseList,
    ListChosen(Option<std::path::PathBuf>),
    CheckList,
    ImportList,
}

/// The sheet as typed, with what is saved beside it.
#[derive(Debug)]
pub struct State {
    /// `None` until the interpellation is first saved.
    id: Option<DispositifId>,
    fields: HashMap<Field, String>,
    channel: Option<FilingChannel>,
    level: ParticipationKind,
    met: [Option<bool>; 4],
    report: text_editor::Content,
    /// The record as saved, for the stage and the next step.
    saved: Option<(Dispositif, Interpellation)>,
    rules: Rules,
    checks: Vec<SupportCheck>,
    check_comments: HashMap<u32, String>,
    linked: super::linked::State,
    met_choices: Vec<Choice<Option<bool>>>,
    /// « Supprimer » was pressed: the sheet asks before deleting.
    confirm_delete: bool,
    /// Whether a deletion keeps the files attached (the panel asks).
    pub keep_files: bool,
    list_path: String,
    /// A supporters' list read and checked, waiting to be imported.
    list: Option<SupporterList>,
    /// Supporters in the imported list (0: the counts were typed).
    listed: u32,
    /// The names of the drawn supporters, when a list was imported.
    names: HashMap<u32, String>,
}

impl Field {
    /// The widget id of its text field (for focus and tests).
    fn id(self) -> &'static str {
        match self {
            Field::Title => "interpellation-title",
            Field::Directorate => "interpellation-directorate",
            Field::Elected => "interpellation-elected",
            Field::Filer => "interpellation-filer",
            Field::Address => "interpellation-address",
            Field::Question => "interpellation-question",
            Field::Received => "interpellation-received",
            Field::Decided => "interpellation-decided",
            Field::Comment(0) => "interpellation-comment-0",
            Field::Comment(1) => "interpellation-comment-1",
            Field::Comment(2) => "interpellation-comment-2",
            Field::Comment(_) => "interpellation-comment-3",
            Field::Paper => "interpellation-paper",
            Field::Online => "interpellation-online",
            Field::Seed => "interpellation-seed",
            Field::First => "interpellation-first",
            Field::Second => "interpellation-second",
            Field::Agreed => "interpellation-agreed",
            Field::Sent => "interpellation-sent",
            Field::VoteFrom => "interpellation-vote-from",
            Field::VoteTo => "interpellation-vote-to",
            Field::Places => "interpellation-places",
            Field::Cast => "interpellation-cast",
            Field::Yes => "interpellation-yes",
            Field::No => "interpellation-no",
        }
    }
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(fr::date_short).unwrap_or_default()
}

fn opt_count(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

impl State {
    /// A blank sheet for an interpellation received `today`.
    pub fn blank(store: &Store, today: NaiveDate) -> State {
        let mut s = State {
            id: None,
            fields: HashMap::from([(Field::Received, fr::date_short(today))]),
            channel: Some(FilingChannel::Paper),
            level: ParticipationKind::Concertation,
            met: [None; 4],
            report: text_editor::Content::new(),
            saved: None,
            rules: Rules::default(),
            checks: Vec::new(),
            check_comments: HashMap::new(),
            linked: super::linked::State::default(),
            met_choices: vec![
                Choice::new(None, "à examiner"),
                Choice::new(Some(true), "rempli"),
                Choice::new(Some(false), "non rempli"),
            ],
            confirm_delete: false,
            keep_files: true,
            list_path: String::new(),
            list: None,
            listed: 0,
            names: HashMap::new(),
        };
        s.reload(store);
        s
    }

    /// The sheet of a saved interpellation.
    pub fn open(store: &Store, id: DispositifId, today: NaiveDate) -> Result<State, StoreError> {
        let (d, i) = store.interpellation(id)?;
        let mut s = State::blank(store, today);
        s.id = Some(id);
        s.fill(&d, &i);
        s.saved = Some((d, i));
        s.reload(store);
        Ok(s)
    }

    fn fill(&mut self, d: &Dispositif, i: &Interpellation) {
        let mut f = HashMap::from([
            (Field::Title, d.title.clone()),
            (Field::Directorate, d.directorate.clone()),
            (Field::Elected, d.elected_official.clone()),
            (Field::Filer, i.filer.clone()),
            (Field::Address, i.filer_address.replace('\n', ", ")),
            (Field::Question, i.question.clone()),
            (Field::Received, opt_date(i.received)),
            (Field::Decided, opt_date(i.decided)),
            (Field::Paper, i.supports_paper.to_string()),
            (Field::Online, i.supports_online.to_string()),
            (Field::Seed, i.check_seed.clone().unwrap_or_default()),
            (Field::First, opt_date(i.first_meeting)),
            (Field::Second, opt_date(i.second_meeting)),
            (Field::Agreed, opt_date(i.report_agreed)),
            (Field::Sent, opt_date(i.report_sent)),
            (Field::VoteFrom, opt_date(i.vote.from)),
            (Field::VoteTo, opt_date(i.vote.to)),
            (Field::Places, i.vote.places.clone()),
            (Field::Cast, opt_count(i.vote.cast)),
            (Field::Yes, opt_count(i.vote.yes)),
            (Field::No, opt_count(i.vote.no)),
        ]);
        for (k, a) in i.criteria.iter().enumerate() {
            f.insert(Field::Comment(k), a.comment.clone());
            self.met[k] = a.met;
        }
        self.fields = f;
        self.channel = i.channel;
        self.level = d.level;
        self.report = text_editor::Content::with_text(&i.report);
    }

    /// Reads again what the store holds beside the form: rules, checks, meetings.
    /// Whether the deletion awaits confirmation.
    pub fn confirming_delete(&self) -> bool {
        self.confirm_delete
    }

    /// The dispositif on the sheet, once saved.
    pub fn id(&self) -> Option<DispositifId> {
        self.id
    }

    pub fn reload(&mut self, store: &Store) {
        self.rules = store.interpellation_rules().unwrap_or_default();
        let Some(id) = self.id else { return };
        if let Ok(saved) = store.interpellation(id) {
            self.saved = Some(saved);
        }
        self.checks = store.support_checks(id).unwrap_or_default();
        self.listed = store.supporter_count(id).unwrap_or(0);
        let numbers: Vec<u32> = self.checks.iter().map(|c| c.number).collect();
        self.names = store.supporters_named(id, &numbers).unwrap_or_default();
        self.linked.reload(store, id);
    }

    fn text(&self, f: Field) -> &str {
        self.fields.get(&f).map_or("", String::as_str)
    }

    fn date(&self, f: Field) -> Result<Option<NaiveDate>, DomainError> {
        parse::opt_date(self.text(f))
    }

    fn count(&self, f: Field) -> Result<Option<u32>, DomainError> {
        let t = self.text(f).trim();
        if t.is_empty() {
            return Ok(None);
        }
        parse::count(&t.replace([' ', '\u{202f}', '\u{a0}'], "")).map(Some)
    }

    /// The record the form describes.
    fn record(&self) -> Result<(Dispositif, Interpellation), DomainError> {
        let received = self.date(Field::Received)?;
        let dispositif = Dispositif {
            id: self.id.unwrap_or_default(),
            kind: DispositifKind::Interpellation,
            title: self.text(Field::Title).trim().to_string(),
            level: self.level,
            directorate: self.text(Field::Directorate).trim().to_string(),
            elected_official: self.text(Field::Elected).trim().to_string(),
            start: received,
            end: self.saved.as_ref().and_then(|(d, _)| d.end),
            notes: self
                .saved
                .as_ref()
                .map(|(d, _)| d.notes.clone())
                .unwrap_or_default(),
        };
        let mut criteria: [Assessment; 4] = Default::default();
        for (k, a) in criteria.iter_mut().enumerate() {
            a.met = self.met[k];
            a.comment = self.text(Field::Comment(k)).trim().to_string();
        }
        let interpellation = Interpellation {
            id: dispositif.id,
            filer: self.text(Field::Filer).trim().to_string(),
            filer_address: self
                .text(Field::Address)
                .split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            question: self.text(Field::Question).trim().to_string(),
            received,
            channel: self.channel,
            criteria,
            decided: self.date(Field::Decided)?,
            supports_paper: self.count(Field::Paper)?.unwrap_or(0),
            supports_online: self.count(Field::Online)?.unwrap_or(0),
            check_seed: self.saved.as_ref().and_then(|(_, i)| i.check_seed.clone()),
            first_meeting: self.date(Field::First)?,
            second_meeting: self.date(Field::Second)?,
            report_agreed: self.date(Field::Agreed)?,
            report_sent: self.date(Field::Sent)?,
            report: self.report.text().trim().to_string(),
            vote: Vote {
                from: self.date(Field::VoteFrom)?,
                to: self.date(Field::VoteTo)?,
                places: self.text(Field::Places).trim().to_string(),
                cast: self.count(Field::Cast)?,
                yes: self.count(Field::Yes)?,
                no: self.count(Field::No)?,
            },
        };
        Ok((dispositif, interpellation))
    }

    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Up>) {
        if let Msg::ChooseList = msg {
            let task = Task::perform(
                crate::ui::save_dialog::open_csv("Liste des soutiens (CSV)"),
                Msg::ListChosen,
            );
            return (task, None);
        }
        match self.apply(msg, store, today) {
            Ok(up) => (Task::none(), up),
            Err(e) => (Task::none(), Some(Up::App(Event::Notice(describe(&e))))),
        }
    }

    /// Reads and checks the supporters' list at the path typed or chosen.
    fn check_list(&mut self) {
        self.list = Some(match crate::files::read_named(self.list_path.trim()) {
            Ok(bytes) => supporters::parse(&bytes),
            Err(why) => SupporterList {
                supporters: Vec::new(),
                errors: vec![why],
            },
        });
    }

    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        today: NaiveDate,
    ) -> Result<Option<Up>, StoreError> {
        match msg {
            Msg::Field(f, v) => {
                self.fields.insert(f, v);
            }
            Msg::Channel(c) => self.channel = Some(c),
            Msg::Level(l) => self.level = l,
            Msg::Met(k, c) => self.met[k] = c.value,
            Msg::Report(action) => self.report.perform(action),
            Msg::Back => return Ok(Some(Up::Back)),
            Msg::Save => {
                let (d, i) = self.record()?;
                let sentence = match self.id {
                    Some(_) => {
                        store.update_interpellation(&d, &i, today)?;
                        format!("Interpellation « {} » enregistrée.", d.title)
                    }
                    None => {
                        let id = store.add_interpellation(&d, &i)?;
                        self.id = Some(id);
                        format!("Interpellation « {} » enregistrée.", d.title)
                    }
                };
                self.reload(store);
                return Ok(Some(Up::App(Event::Saved(sentence))));
            }
            Msg::Delete => self.confirm_delete = true,
            Msg::ConfirmDelete(false) => self.confirm_delete = false,
            Msg::ConfirmDelete(true) => {
                self.confirm_delete = false;
                if let Some(id) = self.id {
                    store.delete_with_files(Owner::Dispositif(id), self.keep_files, |s| {
                        s.remove_dispositif(id)
                    })?;
                    return Ok(Some(Up::Closed(Event::Saved(
                        "Interpellation supprimée ; ses réunions restent dans Réunions.".into(),
                    ))));
                }
                return Ok(Some(Up::Back));
            }
            Msg::DrawChecks => {
                let Some(id) = self.id else {
                    return Err(StoreError::Refused(
                        "enregistrez d’abord l’interpellation".into(),
                    ));
                };
                if self.saved.as_ref().is_some_and(|(_, i)| {
                    self.count(Field::Paper).ok().flatten() != Some(i.supports_paper)
                        || self.count(Field::Online).ok().flatten() != Some(i.supports_online)
                }) {
                    return Err(StoreError::Refused(
                        "les nombres de soutiens ont changé : enregistrez-les avant le tirage"
                            .into(),
                    ));
                }
                let checks = store.draw_support_checks(id, self.text(Field::Seed))?;
                self.reload(store);
                return Ok(Some(Up::App(Event::Saved(format!(
                    "{} soutiens tirés au sort pour vérification.",
                    checks.len()
                )))));
            }
            Msg::CheckComment(n, c) => {
                self.check_comments.insert(n, c);
            }
            Msg::Check(n, result) => {
                if let Some(id) = self.id {
                    let comment = self.check_comments.get(&n).cloned().unwrap_or_else(|| {
                        self.checks
                            .iter()
                            .find(|c| c.number == n)
                            .map(|c| c.comment.clone())
                            .unwrap_or_default()
                    });
                    store.record_support_check(
                        id,
                        &SupportCheck {
                            number: n,
                            result,
                            comment,
                        },
                    )?;
                    self.reload(store);
                    return Ok(Some(Up::App(Event::Changed)));
                }
            }
            Msg::YearReview(m) => {
                let Some((_, i)) = &self.saved else {
                    return Ok(None);
                };
                let year = i.received.map_or(today.year(), |r| r.year());
                let n = store.link_year_review(year, m.value)?;
                self.reload(store);
                return Ok(Some(Up::App(Event::Saved(format!(
                    "« {} » liée aux {n} interpellations de {year}.",
                    m.label
                )))));
            }
            Msg::Linked(m) => {
                if let Some(id) = self.id {
                    return Ok(Some(Up::App(self.linked.update(m, store, id)?)));
                }
            }
            Msg::ListPath(p) => {
                self.list_path = p;
                self.list = None;
            }
            Msg::ChooseList => {}
            Msg::ListChosen(path) => {
                if let Some(p) = path {
                    self.list_path = p.display().to_string();
                    self.check_list();
                }
            }
            Msg::CheckList => self.check_list(),
            Msg::ImportList => {
                let (Some(id), Some(list)) = (self.id, &self.list) else {
                    return Ok(None);
                };
                let (paper, online) = store.import_supporters(id, list)?;
                self.fields.insert(Field::Paper, paper.to_string());
                self.fields.insert(Field::Online, online.to_string());
                self.list = None;
                self.list_path.clear();
                self.reload(store);
                return Ok(Some(Up::App(Event::Saved(format!(
                    "Liste importée : {} soutiens ({paper} sur papier, {online} en ligne). Tirez à nouveau les soutiens à vérifier.",
                    paper + online
                )))));
            }
            Msg::Export(paper, editable) => {
                if let Some(id) = self.id {
                    return Ok(Some(Up::App(Event::export(
                        Document::Interpellation(id, paper),
                        editable,
                    ))));
                }
            }
        }
        Ok(None)
    }

    pub fn view(&self, today: NaiveDate) -> Element<'_, Msg> {
        let mut page = column![self.head(today)].spacing(12);
        page = page.push(widget::section("Dépôt", self.filing()));
        page = page.push(widget::section("Recevabilité", self.admissibility()));
        if let Some((_, i)) = &self.saved {
            // Each step shows once the record reaches it, or holds something of it.
            let level = i.level(&self.rules);
            if i.admissible() == Some(true) {
                page = page.push(widget::section("Soutiens", self.supports()));
            }
            if matches!(level, Some(Level::Mediation | Level::Workshop))
                || i.first_meeting.is_some()
                || !i.report.is_empty()
            {
                page = page.push(widget::section("Médiation ou atelier", self.mediation()));
            }
            if level == Some(Level::Votation) || i.vote != Vote::default() {
                page = page.push(widget::section("Votation", self.votation()));
            }
            let year = i.received.map_or(today.year(), |r| r.year());
            page = page.push(widget::section(
                "Réunions liées",
                column![
                    self.linked.view().map(Msg::Linked),
                    row![
                        text(format!(
                            "Bilan annuel : lier à toutes les interpellations de {year}"
                        ))
                        .color(theme::MUTED),
                        pick_list(
                            self.linked.all(),
                            None::<Choice<crate::domain::ids::MeetingId>>,
                            Msg::YearReview
                        )
                        .placeholder("Choisir la réunion de bilan…"),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                ]
                .spacing(6),
            ));
        }
        page.into()
    }

    /// Back, save, delete; where it stands and what is due; the documents.
    fn head(&self, today: NaiveDate) -> Element<'_, Msg> {
        let mut actions = row![
            widget::small_button("← Liste des dispositifs", Msg::Back),
            button(text("Enregistrer")).on_press(Msg::Save),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if self.id.is_some() && !self.confirm_delete {
            actions = actions.push(widget::small_button("Supprimer…", Msg::Delete));
        }
        let mut col = column![actions].spacing(8);
        if self.confirm_delete {
            col = col.push(
                row![
                    widget::colored(
                        "Supprimer cette interpellation, ses soutiens et leurs vérifications ? Les réunions liées restent dans Réunions.",
                        theme::LATE
                    ),
                    widget::small_button("Oui, supprimer", Msg::ConfirmDelete(true)),
                    widget::small_button("Annuler", Msg::ConfirmDelete(false)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        if let Some((_, i)) = &self.saved {
            let mut line = format!("Étape : {}", i.stage(&self.rules, today).label());
            if let Some(due) = i.next_due(&self.rules, today) {
                line.push_str(&format!(
                    " · prochaine échéance : {} le {}",
                    due.what,
                    fr::date_short(due.date)
                ));
            }
            col = col.push(text(fr::typography(&line)).font(widget::bold()));
            let mut papers = row![text("Documents").color(theme::MUTED)]
                .spacing(6)
                .align_y(Alignment::Center);
            for (label, paper) in [
                ("Lettre de recevabilité (PDF)", Paper::Letter),
                ("Fiche (PDF)", Paper::Fiche),
                ("Rapport de médiation (PDF)", Paper::Report),
            ] {
                papers = papers
                    .push(widget::small_button(label, Msg::Export(paper, false)))
                    .push(widget::small_button("ODT", Msg::Export(paper, true)));
            }
            col = col.push(papers);
        } else {
            col = col.push(widget::muted(
                "Nouvelle interpellation : renseignez le dépôt puis enregistrez.",
            ));
        }
        col.into()
    }

    fn input<'a>(&'a self, label: &'a str, f: Field) -> Element<'a, Msg> {
        super::labelled(label, self.text(f), Some(f.id()), move |v| Msg::Field(f, v))
    }

    fn filing(&self) -> Element<'_, Msg> {
        column![
            row![
                self.input("Intitulé court", Field::Title),
                self.input("Reçue le (jj/mm/aaaa)", Field::Received),
            ]
            .spacing(8),
            self.input("Question posée", Field::Question),
            row![
                self.input("Auteur·rice (nom, ou collectif et nom)", Field::Filer),
                self.input("Adresse (lignes séparées par des virgules)", Field::Address),
            ]
            .spacing(8),
            row![
                self.input("Direction(s) concernée(s)", Field::Directorate),
                self.input("Élu·e concerné·e", Field::Elected),
            ]
            .spacing(8),
            row![
                text("Reçue").color(theme::MUTED),
                pick_list(FilingChannel::ALL, self.channel, Msg::Channel),
                text("Niveau sur l’échelle de la Ville").color(theme::MUTED),
                pick_list(ParticipationKind::ALL, Some(self.level), Msg::Level),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            widget::muted(fr::typography(self.level.criteria())),
            widget::muted(format!(
                "Peut interpeller la Ville toute personne de {} ans ou plus qui y habite ou y paie la taxe foncière.",
                self.rules.min_age
            )),
        ]
        .spacing(8)
        .into()
    }

    fn admissibility(&self) -> Element<'_, Msg> {
        let mut col = column![].spacing(6);
        for (k, name) in CRITERIA.iter().enumerate() {
            col = col.push(
                row![
                    text(*name).width(Length::Fixed(260.0)),
                    pick_list(
                        self.met_choices.as_slice(),
                        selected(&self.met_choices, &self.met[k]),
                        move |c| Msg::Met(k, c)
                    ),
                    iced::widget::text_input(
                        "Appréciation (obligatoire si non rempli)",
                        self.text(Field::Comment(k))
                    )
                    .id(Field::Comment(k).id())
                    .on_input(move |v| Msg::Field(Field::Comment(k), v))
                    .padding(6),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        col = col.push(
            row![self.input("Décision rendue le (jj/mm/aaaa)", Field::Decided)]
                .width(Length::Fixed(300.0)),
        );
        col = col.push(widget::muted(format!(
            "La Ville statue dans les {} jours ; la lettre à l’auteur·rice reprend chaque critère et son appréciation.",
            self.rules.admissibility_days
        )));
        col.into()
    }

    fn supports(&self) -> Element<'_, Msg> {
        let r = &self.rules;
        let counts: Element<'_, Msg> = if self.listed > 0 {
            widget::muted(format!(
                "Comptés depuis la liste importée ({} soutiens) : {} sur papier, {} en ligne.",
                fr::integer(self.listed.into()),
                self.text(Field::Paper),
                self.text(Field::Online)
            ))
        } else {
            row![
                self.input("Soutiens sur papier", Field::Paper),
                self.input("Soutiens en ligne", Field::Online),
            ]
            .spacing(8)
            .into()
        };
        let mut col = column![
            counts,
            self.list_import(),
            widget::muted(fr::typography(&format!(
                "{} soutiens en {} mois ouvrent une médiation ; {} un atelier ; {} signatures une votation.",
                fr::integer(r.mediation_supports.into()),
                r.campaign_months,
                fr::integer(r.workshop_supports.into()),
                fr::integer(r.votation_supports.into()),
            ))),
        ]
        .spacing(8);
        if let Some((_, i)) = &self.saved {
            let mut facts = vec![format!("Total : {}", fr::integer(i.supports().into()))];
            if let Some(end) = i.campaign_end(r) {
                facts.push(format!("collecte jusqu’au {}", fr::date_short(end)));
            }
            facts.push(match i.level(r) {
                Some(l) => format!("niveau ouvert : {}", l.label().to_lowercase()),
                None => "seuil de la médiation non atteint".into(),
            });
            col = col.push(text(fr::typography(&facts.join(" · "))));
        }
        col = col.push(
            row![
                self.input("Graine du tirage des soutiens à vérifier", Field::Seed),
                button(text(format!(
                    "Tirer {} % des soutiens à vérifier",
                    r.check_percent
                )))
                .on_press(Msg::DrawChecks),
            ]
            .spacing(8)
            .align_y(Alignment::End),
        );
        if !self.checks.is_empty() {
            let (valid, invalid, pending) = check_counts(&self.checks);
            col = col.push(text(fr::typography(&format!(
                "{} soutiens tirés : {valid} valide(s), {invalid} non valide(s), {pending} à vérifier",
                self.checks.len()
            ))));
            let mut list = column![].spacing(3);
            for c in self
                .checks
                .iter()
                .filter(|c| c.result == CheckResult::Pending)
                .take(12)
            {
                let n = c.number;
                list = list.push(
                    row![
                        text(self.supporter(n)).width(Length::Fixed(320.0)),
                        widget::small_button("Valide", Msg::Check(n, CheckResult::Valid)),
                        iced::widget::text_input(
                            "Motif s’il n’est pas valide",
                            self.check_comments.get(&n).map_or("", String::as_str)
                        )
                        .on_input(move |v| Msg::CheckComment(n, v))
                        .padding(4),
                        widget::small_button("Non valide", Msg::Check(n, CheckResult::Invalid)),
                    ]
                    .spacing(6)
                    .align_y(Alignment::Center),
                );
            }
            if pending > 12 {
                list = list.push(widget::muted(format!(
                    "… et {} autres à vérifier ensuite.",
                    pending - 12
                )));
            }
            for c in self
                .checks
                .iter()
                .filter(|c| c.result == CheckResult::Invalid)
            {
                list = list.push(
                    text(fr::typography(&format!(
                        "{} non valide : {}",
                        self.supporter(c.number),
                        c.comment
                    )))
                    .size(13)
                    .color(theme::LATE),
                );
            }
            col = col.push(list);
        }
        col.into()
    }

    /// « Soutien n° 17 », with the name when a list was imported.
    fn supporter(&self, n: u32) -> String {
        match self.names.get(&n) {
            Some(name) => format!("Soutien n° {n} — {name}"),
            None => format!("Soutien n° {n}"),
        }
    }

    /// Importing the list of supporters from a CSV file, checked whole first.
    fn list_import(&self) -> Element<'_, Msg> {
        let mut col = column![
            row![
                iced::widget::text_input(
                    "Liste des soutiens (CSV : nom ; prénom ; code postal ; canal ; date)",
                    &self.list_path
                )
                .id("interpellation-list-path")
                .on_input(Msg::ListPath)
                .padding(6)
                .width(Length::Fill),
                widget::small_button("Choisir un fichier…", Msg::ChooseList),
                widget::small_button("Vérifier le fichier", Msg::CheckList),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        ]
        .spacing(4);
        if let Some(list) = &self.list {
            for e in list.errors.iter().take(20) {
                col = col.push(widget::colored(fr::typography(e), theme::LATE));
            }
            if list.errors.len() > 20 {
                col = col.push(widget::colored(
                    format!("… et {} autres lignes à corriger.", list.errors.len() - 20),
                    theme::LATE,
                ));
            }
            col = col.push(if list.is_clean() {
                let (paper, online) = list.counts();
                Element::from(
                    button(text(format!(
                        "Importer les {} soutiens ({paper} sur papier, {online} en ligne)",
                        paper + online
                    )))
                    .on_press(Msg::ImportList),
                )
            } else {
                widget::colored(
                    "Liste refusée : corrigez les lignes signalées puis vérifiez-la à nouveau. Rien n’a été importé.",
                    theme::LATE,
                )
            });
        }
        col.into()
    }

    fn mediation(&self) -> Element<'_, Msg> {
        column![
            row![
                self.input("Première rencontre", Field::First),
                self.input("Seconde rencontre", Field::Second),
                self.input("Rapport validé le", Field::Agreed),
                self.input("Rapport envoyé aux soutiens le", Field::Sent),
            ]
            .spacing(8),
            widget::muted(fr::typography(&format!(
                "Première rencontre dans les {} jours après la collecte, environ {} mois d’étude, rapport validé par toutes les parties dans les {} jours, puis envoyé à chaque soutien. Rapport : un paragraphe par ligne vide, « # » pour un titre, « - » pour une liste.",
                self.rules.first_meeting_days, self.rules.study_months, self.rules.report_days
            ))),
            text_editor(&self.report)
                .on_action(Msg::Report)
                .height(Length::Fixed(140.0)),
        ]
        .spacing(8)
        .into()
    }

    fn votation(&self) -> Element<'_, Msg> {
        let mut col = column![
            row![
                self.input("Du", Field::VoteFrom),
                self.input("Au", Field::VoteTo),
                self.input("Lieux de vote", Field::Places),
            ]
            .spacing(8),
            row![
                self.input("Votants", Field::Cast),
                self.input("Pour", Field::Yes),
                self.input("Contre", Field::No),
            ]
            .spacing(8),
        ]
        .spacing(8);
        let won = self
            .saved
            .as_ref()
            .and_then(|(_, i)| i.vote_won(&self.rules));
        col = col.push(widget::muted(fr::typography(&match won {
            Some(true) => "Résultat : adoptée.".to_string(),
            Some(false) => format!(
                "Résultat : non adoptée (il faut plus de votes pour que contre et au moins {} votes pour).",
                fr::integer(self.rules.votation_majority.into())
            ),
            None => format!(
                "Adoptée avec plus de votes pour que contre et au moins {} votes pour.",
                fr::integer(self.rules.votation_majority.into())
            ),
        })));
        col.into()
    }
}
