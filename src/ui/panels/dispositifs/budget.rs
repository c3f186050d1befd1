//! A participatory budget's sheet: the edition's envelope and rules; its projects
//! from the idea to the delivery, each opened in a form (feasibility opinion, cost,
//! votes, progress, spending); the votes typed or imported from the platform's CSV
//! file, whole or not at all; the winners designated by filling the envelope in vote
//! order (the rule said on screen); the results and the delivery follow-up.

use chrono::{Datelike, NaiveDate};
use iced::widget::{button, checkbox, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::Up;
use crate::domain::budget::{Edition, Project, fill_envelope};
use crate::domain::codes::{DispositifKind, ParticipationKind, ProjectStage, Sector};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::DispositifId;
use crate::domain::{DomainError, parse, text as fr};
use crate::export::Document;
use crate::import::votes::{self, Votes};
use crate::report::budget::{Paper, RULE};
use crate::store::{Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, describe};
use crate::ui::{theme, widget};

/// A text field of the sheet or of the project form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Directorate,
    Elected,
    Year,
    Envelope,
    Ceiling,
    ProjectTitle,
    Proposer,
    ProjectDirectorate,
    OpinionOn,
    Opinion,
    Cost,
    Votes,
    Progress,
    Spent,
    DeliveredOn,
    VotesPath,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Field(Field, String),
    Level(ParticipationKind),
    Investment(bool),
    Save,
    Back,
    NewProject,
    Edit(i64),
    Stage(ProjectStage),
    Sector(Choice<Option<Sector>>),
    SaveProject,
    CancelProject,
    ChooseVotes,
    VotesChosen(Option<std::path::PathBuf>),
    CheckVotes,
    ImportVotes,
    Designate,
    Linked(super::linked::Msg),
    Export(Paper, bool),
}

/// A project as typed in its form.
#[derive(Debug, Default)]
struct ProjectForm {
    id: i64,
    number: u32,
    title: String,
    proposer: String,
    sector: Option<Sector>,
    stage: ProjectStage,
    directorate: String,
    opinion_on: String,
    opinion: String,
    cost: String,
    votes: String,
    progress: String,
    spent: String,
    delivered_on: String,
}

/// The sheet as typed, and what the store holds beside it.
#[derive(Debug)]
pub struct State {
    id: Option<DispositifId>,
    title: String,
    directorate: String,
    elected: String,
    year: String,
    envelope: String,
    ceiling: String,
    investment_only: bool,
    level: ParticipationKind,
    saved: Option<Edition>,
    projects: Vec<Project>,
    form: Option<ProjectForm>,
    sectors: Vec<Choice<Option<Sector>>>,
    votes_path: String,
    votes: Option<Votes>,
    linked: super::linked::State,
}

impl State {
    /// A blank sheet for this year's edition.
    pub fn blank(today: NaiveDate) -> State {
        let e = Edition::new(DispositifId::default(), today.year());
        let mut sectors = vec![Choice::new(None, "Toute la commune")];
        sectors.extend(Sector::ALL.iter().map(|s| Choice::new(Some(*s), s.label())));
        State {
            id: None,
            title: format!("Budget participatif {}", today.year()),
            directorate: String::new(),
            elected: String::new(),
            year: e.year.to_string(),
            envelope: fr::amount_field(Some(e.envelope_cents)),
            ceiling: fr::amount_field(Some(e.max_project_cents)),
            investment_only: e.investment_only,
            level: ParticipationKind::CoConstruction,
            saved: None,
            projects: Vec::new(),
            form: None,
            sectors,
            votes_path: String::new(),
            votes: None,
            linked: super::linked::State::default(),
        }
    }

    /// The sheet of a saved edition.
    pub fn open(store: &Store, id: DispositifId, today: NaiveDate) -> Result<State, StoreError> {
        let (d, e) = store.edition(id)?;
        let mut s = State::blank(today);
        s.id = Some(id);
        s.title = d.title;
        s.directorate = d.directorate;
        s.elected = d.elected_official;
        s.level = d.level;
        s.year = e.year.to_string();
        s.envelope = fr::amount_field(Some(e.envelope_cents));
        s.ceiling = fr::amount_field(Some(e.max_project_cents));
        s.investment_only = e.investment_only;
        s.reload(store);
        Ok(s)
    }

    /// The dispositif on the sheet, once saved.
    pub fn id(&self) -> Option<DispositifId> {
        self.id
    }

    pub fn reload(&mut self, store: &Store) {
        let Some(id) = self.id else { return };
        self.saved = store.edition(id).ok().map(|(_, e)| e);
        self.projects = store.projects(id).unwrap_or_default();
        self.linked.reload(store, id);
    }

    fn record(&self) -> Result<(Dispositif, Edition), DomainError> {
        let year = parse::count(self.year.trim())? as i32;
        let d = Dispositif {
            id: self.id.unwrap_or_default(),
            kind: DispositifKind::Budget,
            title: self.title.trim().to_string(),
            level: self.level,
            directorate: self.directorate.trim().to_string(),
            elected_official: self.elected.trim().to_string(),
            start: NaiveDate::from_ymd_opt(year, 1, 1),
            end: None,
            notes: String::new(),
        };
        let e = Edition {
            id: d.id,
            year,
            envelope_cents: parse::euros(&self.envelope)?,
            max_project_cents: parse::euros(&self.ceiling)?,
            investment_only: self.investment_only,
        };
        d.validate()?;
        e.validate()?;
        Ok((d, e))
    }

    fn project(&self, f: &ProjectForm, edition: DispositifId) -> Result<Project, DomainError> {
        let count = |s: &str| -> Result<Option<u32>, DomainError> {
            let t = s.trim().replace([' ', '\u{a0}', '\u{202f}', '%'], "");
            if t.is_empty() {
                Ok(None)
            } else {
                parse::count(&t).map(Some)
            }
        };
        Ok(Project {
            id: f.id,
            edition,
            number: f.number,
            title: f.title.trim().to_string(),
            sector: f.sector,
            proposer: f.proposer.trim().to_string(),
            stage: f.stage,
            directorate: f.directorate.trim().to_string(),
            opinion_on: parse::opt_date(&f.opinion_on)?,
            opinion: f.opinion.trim().to_string(),
            estimated_cents: parse::opt_euros(&f.cost)?,
            votes: count(&f.votes)?,
            progress: count(&f.progress)?.unwrap_or(0).min(255) as u8,
            spent_cents: parse::opt_euros(&f.spent)?.unwrap_or(0),
            delivered_on: parse::opt_date(&f.delivered_on)?,
        })
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Up>) {
        if let Msg::ChooseVotes = msg {
            let task = Task::perform(
                crate::ui::save_dialog::open_csv("Votes du budget participatif (CSV)"),
                Msg::VotesChosen,
            );
            return (task, None);
        }
        match self.apply(msg, store) {
            Ok(up) => (Task::none(), up),
            Err(e) => (Task::none(), Some(Up::App(Event::Notice(describe(&e))))),
        }
    }

    fn check_votes(&mut self) {
        self.votes = Some(match crate::files::read_named(self.votes_path.trim()) {
            Ok(bytes) => votes::parse(&bytes),
            Err(why) => Votes {
                lines: Vec::new(),
                errors: vec![why],
            },
        });
    }

    fn apply(&mut self, msg: Msg, store: &mut Store) -> Result<Option<Up>, StoreError> {
        let saved = |s: String| Ok(Some(Up::App(Event::Saved(s))));
        match msg {
            Msg::Field(f, v) => {
                let form = self.form.as_mut();
                let target = match (f, form) {
                    (Field::Title, _) => &mut self.title,
                    (Field::Directorate, _) => &mut self.directorate,
                    (Field::Elected, _) => &mut self.elected,
                    (Field::Year, _) => &mut self.year,
                    (Field::Envelope, _) => &mut self.envelope,
                    (Field::Ceiling, _) => &mut self.ceiling,
                    (Field::VotesPath, _) => {
                        self.votes = None;
                        &mut self.votes_path
                    }
                    (_, None) => return Ok(None),
                    (Field::ProjectTitle, Some(p)) => &mut p.title,
                    (Field::Proposer, Some(p)) => &mut p.proposer,
                    (Field::ProjectDirectorate, Some(p)) => &mut p.directorate,
                    (Field::OpinionOn, Some(p)) => &mut p.opinion_on,
                    (Field::Opinion, Some(p)) => &mut p.opinion,
                    (Field::Cost, Some(p)) => &mut p.cost,
                    (Field::Votes, Some(p)) => &mut p.votes,
                    (Field::Progress, Some(p)) => &mut p.progress,
                    (Field::Spent, Some(p)) => &mut p.spent,
                    (Field::DeliveredOn, Some(p)) => &mut p.delivered_on,
                };
                *target = v;
            }
            Msg::Level(l) => self.level = l,
            Msg::Investment(b) => self.investment_only = b,
            Msg::Back => return Ok(Some(Up::Back)),
            Msg::Save => {
                let (d, e) = self.record()?;
                match self.id {
                    Some(_) => store.update_edition(&d, &e)?,
                    None => self.id = Some(store.add_edition(&d, &e)?),
                }
                self.reload(store);
                return saved(format!("« {} » enregistré.", d.title));
            }
            Msg::NewProject => self.form = Some(ProjectForm::default()),
            Msg::Edit(id) => {
                if let Some(p) = self.projects.iter().find(|p| p.id == id) {
                    self.form = Some(ProjectForm {
                        id: p.id,
                        number: p.number,
                        title: p.title.clone(),
                        proposer: p.proposer.clone(),
                        sector: p.sector,
                        stage: p.stage,
                        directorate: p.directorate.clone(),
                        opinion_on: p.opinion_on.map(fr::date_short).unwrap_or_default(),
                        opinion: p.opinion.clone(),
                        cost: fr::amount_field(p.estimated_cents),
                        votes: p.votes.map(|v| v.to_string()).unwrap_or_default(),
                        progress: p.progress.to_string(),
                        spent: fr::amount_field(Some(p.spent_cents).filter(|s| *s > 0)),
                        delivered_on: p.delivered_on.map(fr::date_short).unwrap_or_default(),
                    });
                }
            }
            Msg::Stage(s) => {
                if let Some(f) = &mut self.form {
                    f.stage = s;
                }
            }
            Msg::Sector(c) => {
                if let Some(f) = &mut self.form {
                    f.sector = c.value;
                }
            }
            Msg::CancelProject => self.form = None,
            Msg::SaveProject => {
                let (Some(id), Some(f)) = (self.id, &self.form) else {
                    return Ok(None);
                };
                let p = self.project(f, id)?;
                let number = store.save_project(&p)?;
                self.form = None;
                self.reload(store);
                return saved(format!("Projet n° {number} « {} » enregistré.", p.title));
            }
            Msg::ChooseVotes => {}
            Msg::VotesChosen(path) => {
                if let Some(p) = path {
                    self.votes_path = p.display().to_string();
                    self.check_votes();
                }
            }
            Msg::CheckVotes => self.check_votes(),
            Msg::ImportVotes => {
                let (Some(id), Some(v)) = (self.id, &self.votes) else {
                    return Ok(None);
                };
                let n = store.import_votes(id, v)?;
                self.votes = None;
                self.votes_path.clear();
                self.reload(store);
                return saved(format!("Votes de {n} projet(s) importés."));
            }
            Msg::Designate => {
                let Some(id) = self.id else { return Ok(None) };
                let (winners, used) = store.designate_winners(id)?;
                self.reload(store);
                return saved(format!(
                    "{winners} projet(s) lauréat(s) pour {} de l’enveloppe.",
                    fr::euros(used)
                ));
            }
            Msg::Linked(m) => {
                if let Some(id) = self.id {
                    return Ok(Some(Up::App(self.linked.update(m, store, id)?)));
                }
            }
            Msg::Export(paper, editable) => {
                if let Some(id) = self.id {
                    return Ok(Some(Up::App(Event::export(
                        Document::Budget(id, paper),
                        editable,
                    ))));
                }
            }
        }
        Ok(None)
    }

    fn input<'a>(&'a self, label: &'a str, value: &'a str, f: Field) -> Element<'a, Msg> {
        super::labelled(label, value, None, move |v| Msg::Field(f, v))
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut head = row![
            widget::small_button("← Liste des dispositifs", Msg::Back),
            button(text("Enregistrer")).on_press(Msg::Save),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if self.id.is_some() {
            head = head.push(text("Documents").color(theme::MUTED));
            for (label, paper) in [
                ("Résultats du vote (PDF)", Paper::Results),
                ("Suivi des réalisations (PDF)", Paper::Delivery),
            ] {
                head = head
                    .push(widget::small_button(label, Msg::Export(paper, false)))
                    .push(widget::small_button("ODT", Msg::Export(paper, true)));
            }
        }
        let mut page = column![head, widget::section("Édition", self.edition_view())].spacing(12);
        if let Some(e) = &self.saved {
            page = page
                .push(widget::section("Projets", self.projects_view()))
                .push(widget::section("Vote et lauréats", self.vote_view(e)))
                .push(widget::section(
                    "Réunions liées",
                    self.linked.view().map(Msg::Linked),
                ));
        } else {
            page = page.push(widget::muted(
                "Nouvelle édition : renseignez son enveloppe et ses règles puis enregistrez ; ses projets viennent ensuite.",
            ));
        }
        page.into()
    }

    fn edition_view(&self) -> Element<'_, Msg> {
        column![
            row![
                self.input("Intitulé", &self.title, Field::Title),
                self.input("Année", &self.year, Field::Year),
            ]
            .spacing(8),
            row![
                self.input("Enveloppe (€)", &self.envelope, Field::Envelope),
                self.input("Plafond d’un projet (€)", &self.ceiling, Field::Ceiling),
            ]
            .spacing(8),
            row![
                self.input("Direction(s)", &self.directorate, Field::Directorate),
                self.input("Élu·e référent·e", &self.elected, Field::Elected),
            ]
            .spacing(8),
            row![
                checkbox(self.investment_only)
                    .label("Dépenses d’investissement seulement")
                    .on_toggle(Msg::Investment),
                text("Niveau sur l’échelle de la Ville").color(theme::MUTED),
                pick_list(ParticipationKind::ALL, Some(self.level), Msg::Level),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            widget::muted(
                "Une idée est déposée par un·e habitant·e de 16 ans ou plus ou par une association ; présélectionnée, puis étudiée par une direction (avis daté, coût estimé), soumise au vote ; les lauréates sont suivies jusqu’à leur livraison."
            ),
        ]
        .spacing(8)
        .into()
    }

    fn projects_view(&self) -> Element<'_, Msg> {
        let mut counts: Vec<String> = Vec::new();
        for stage in ProjectStage::ALL {
            let n = self.projects.iter().filter(|p| p.stage == *stage).count();
            if n > 0 {
                counts.push(format!("{} : {n}", stage.label()));
            }
        }
        let mut col = column![
            row![
                button(text("Nouveau projet")).on_press(Msg::NewProject),
                widget::muted(fr::typography(&counts.join(" · "))),
            ]
            .spacing(10)
            .align_y(Alignment::Center)
        ]
        .spacing(4);
        if let Some(f) = &self.form {
            col = col.push(widget::section(
                if f.id == 0 {
                    "Nouveau projet".to_string()
                } else {
                    format!("Projet n° {}", f.number)
                },
                self.form_view(f),
            ));
        }
        col = col.push(
            iced::widget::container(widget::header_row(&[
                ("N°", 1),
                ("Projet", 9),
                ("Étape", 4),
                ("Coût estimé", 3),
                ("Votes", 2),
                ("Avancement", 2),
            ]))
            .padding([0, 10]),
        );
        for p in &self.projects {
            let line = row![
                text(p.number.to_string()).width(Length::FillPortion(1)),
                text(p.title.as_str()).width(Length::FillPortion(9)),
                text(p.stage.label()).width(Length::FillPortion(4)),
                text(p.estimated_cents.map(fr::euros).unwrap_or_default())
                    .width(Length::FillPortion(3)),
                text(p.votes.map(|v| fr::integer(v.into())).unwrap_or_default())
                    .width(Length::FillPortion(2)),
                text(
                    if p.stage >= ProjectStage::Winner
                        && p.stage != ProjectStage::NotChosen
                        && p.stage != ProjectStage::Rejected
                    {
                        format!("{}\u{202f}%", p.progress)
                    } else {
                        String::new()
                    }
                )
                .width(Length::FillPortion(2)),
            ];
            col = col.push(widget::entry(line, false, Msg::Edit(p.id)));
        }
        col.into()
    }

    fn form_view<'a>(&'a self, f: &'a ProjectForm) -> Element<'a, Msg> {
        column![
            row![
                self.input("Intitulé du projet", &f.title, Field::ProjectTitle),
                self.input(
                    "Porté par (habitant·e ou association)",
                    &f.proposer,
                    Field::Proposer
                ),
            ]
            .spacing(8),
            row![
                text("Étape").color(theme::MUTED),
                pick_list(ProjectStage::ALL, Some(f.stage), Msg::Stage),
                text("Secteur").color(theme::MUTED),
                pick_list(
                    self.sectors.as_slice(),
                    selected(&self.sectors, &f.sector),
                    Msg::Sector
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            row![
                self.input(
                    "Direction qui étudie",
                    &f.directorate,
                    Field::ProjectDirectorate
                ),
                self.input("Avis rendu le", &f.opinion_on, Field::OpinionOn),
                self.input("Coût estimé (€)", &f.cost, Field::Cost),
            ]
            .spacing(8),
            self.input("Avis de faisabilité", &f.opinion, Field::Opinion),
            row![
                self.input("Votes", &f.votes, Field::Votes),
                self.input("Avancement (%)", &f.progress, Field::Progress),
                self.input("Dépensé (€)", &f.spent, Field::Spent),
                self.input("Livré le", &f.delivered_on, Field::DeliveredOn),
            ]
            .spacing(8),
            row![
                button(text("Enregistrer le projet")).on_press(Msg::SaveProject),
                widget::small_button("Annuler", Msg::CancelProject),
            ]
            .spacing(8),
        ]
        .spacing(8)
        .into()
    }

    fn vote_view<'a>(&'a self, e: &'a Edition) -> Element<'a, Msg> {
        let ranked = fill_envelope(e, &self.projects);
        let winners = ranked.iter().filter(|r| r.winner).count();
        let mut col = column![
            widget::muted(fr::typography(RULE)),
            text(fr::typography(&format!(
                "Selon les votes saisis : {winners} lauréat(s) sur {} projet(s) soumis au vote, {} de l’enveloppe de {}.",
                ranked.len(),
                fr::euros(ranked.last().map_or(0, |r| r.used)),
                fr::euros(e.envelope_cents)
            ))),
            row![
                text_input(
                    "Votes de la plateforme (CSV : numéro ; votes)",
                    &self.votes_path
                )
                .id("budget-votes-path")
                .on_input(|v| Msg::Field(Field::VotesPath, v))
                .padding(6)
                .width(Length::Fill),
                widget::small_button("Choisir un fichier…", Msg::ChooseVotes),
                widget::small_button("Vérifier le fichier", Msg::CheckVotes),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(6);
        if let Some(v) = &self.votes {
            for err in v.errors.iter().take(20) {
                col = col.push(widget::colored(fr::typography(err), theme::LATE));
            }
            col = col.push(if v.is_clean() {
                Element::from(
                    button(text(format!("Appliquer les votes de {} projet(s)", v.lines.len())))
                        .on_press(Msg::ImportVotes),
                )
            } else {
                widget::colored(
                    "Fichier refusé : corrigez les lignes signalées puis vérifiez-le à nouveau. Rien n’a été appliqué.",
                    theme::LATE,
                )
            });
        }
        col.push(button(text("Désigner les lauréats selon l’enveloppe")).on_press(Msg::Designate))
            .into()
    }
}
