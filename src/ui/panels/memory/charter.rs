//! Mémoire → « Charte »: a co-written text (the charter of cooperative democracy) —
//! its articles in order, written and moved; the versions of the whole text, compared
//! word by word with the current one; the contributions received, each answered with a
//! status and the answer published beside it; the adoption by the council; the pactes
//! de coopération signed under it; its two documents.

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text, text_editor};
use iced::{Alignment, Element, Length, Task};

use crate::domain::charter::{
    Article, Charter, CharterVersion, Contribution, Pacte, count_by_state, sections,
};
use crate::domain::codes::ContributionStatus;
use crate::domain::ids::{ArticleId, CharterId, ContactId, ContributionId, MeetingId, PacteId};
use crate::domain::parse;
use crate::domain::rules::compare;
use crate::domain::text as fr;
use crate::export::Document;
use crate::report::charter::Paper;
use crate::store::{ContactRow, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, outcome};
use crate::ui::{theme, widget};

/// A one-line field of the tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Preamble,
    AdoptedOn,
    Deliberation,
    ArticleTitle,
    VersionLabel,
    Participant,
    ReceivedOn,
    Proposal,
    Answer,
    PacteTitle,
    PacteParties,
    PacteCommon,
    PacteSigned,
    PacteEnds,
    PacteRenewal,
    PacteCommitments,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Pick(Choice<CharterId>),
    NewCharter,
    Field(Field, String),
    SaveCharter,
    EditArticle(Option<ArticleId>),
    ArticleText(text_editor::Action),
    SaveArticle,
    MoveArticle(ArticleId, bool),
    History(ArticleId),
    RemoveArticle(ArticleId),
    SaveVersion,
    CompareWith(Choice<u32>),
    Filter(Choice<Option<ContributionStatus>>),
    NewContribution,
    ContributionArticle(Choice<Option<ArticleId>>),
    ContributionMeeting(Choice<Option<MeetingId>>),
    ContactSearch(String),
    ContactPick(Option<(ContactId, String)>),
    SaveContribution,
    Answer(ContributionId),
    AnswerStatus(ContributionStatus),
    PublishAnswer,
    CancelForm,
    EditPacte(Option<PacteId>),
    SavePacte,
    RemovePacte(PacteId),
    Export(Paper, bool),
}

/// What is being typed: the charter's own fields, an article, a contribution, an
/// answer, a pacte.
#[derive(Debug, Default)]
struct Typed {
    title: String,
    preamble: String,
    adopted_on: String,
    deliberation: String,
    article: Option<ArticleId>,
    article_title: String,
    version_label: String,
    /// A new contribution's form, when open.
    contribution: Option<NewContribution>,
    /// The contribution being answered, and its status chosen.
    answering: Option<(ContributionId, ContributionStatus)>,
    answer: String,
    /// The pacte being written (`Some(0)` a new one).
    pacte: Option<PacteId>,
    pacte_title: String,
    parties: String,
    common: String,
    signed: String,
    ends: String,
    renewal: String,
    commitments: String,
}

/// A contribution as typed.
#[derive(Debug, Default)]
struct NewContribution {
    article: Option<ArticleId>,
    meeting: Option<MeetingId>,
    /// A contact of the directory who contributed, and the search that found them.
    contact: Option<(ContactId, String)>,
    contact_search: String,
    contact_found: Vec<ContactRow>,
    participant: String,
    received_on: String,
    proposal: String,
}

/// The charters, the one shown, and all of its parts.
#[derive(Debug)]
pub struct State {
    charters: Vec<Choice<CharterId>>,
    current: Option<Charter>,
    articles: Vec<Article>,
    versions: Vec<CharterVersion>,
    compare_with: Option<u32>,
    contributions: Vec<Contribution>,
    /// Who contributed, as the mission's screen shows it (never printed).
    names: Vec<(ContributionId, String)>,
    filter: Option<ContributionStatus>,
    pactes: Vec<Pacte>,
    article_choices: Vec<Choice<Option<ArticleId>>>,
    meeting_choices: Vec<Choice<Option<MeetingId>>>,
    article_text: text_editor::Content,
    typed: Typed,
    /// The charter to show at the next reload (one just picked or created).
    wanted: Option<CharterId>,
    /// The article whose history is shown.
    history: Option<ArticleId>,
    today: NaiveDate,
}

impl State {
    pub fn new(store: &Store, today: NaiveDate) -> State {
        let mut s = State {
            charters: Vec::new(),
            current: None,
            articles: Vec::new(),
            versions: Vec::new(),
            compare_with: None,
            contributions: Vec::new(),
            names: Vec::new(),
            filter: None,
            pactes: Vec::new(),
            article_choices: Vec::new(),
            meeting_choices: Vec::new(),
            article_text: text_editor::Content::new(),
            typed: Typed::default(),
            wanted: None,
            history: None,
            today,
        };
        s.reload(store);
        s
    }

    /// Reads the charters and the one shown again; what is being typed stays.
    pub fn reload(&mut self, store: &Store) {
        let list = store.charters().unwrap_or_default();
        self.charters = list
            .iter()
            .map(|c| Choice::new(c.id, c.title.clone()))
            .collect();
        let id = self
            .wanted
            .take()
            .or_else(|| self.current.as_ref().map(|c| c.id))
            .or_else(|| list.first().map(|c| c.id));
        let Some(c) = id.and_then(|id| list.into_iter().find(|c| c.id == id)) else {
            self.current = None;
            return;
        };
        if self.current.as_ref().map(|x| x.id) != Some(c.id) {
            self.typed = Typed {
                title: c.title.clone(),
                preamble: c.preamble.clone(),
                adopted_on: c.adopted_on.map(fr::date_short).unwrap_or_default(),
                deliberation: c.deliberation.clone(),
                ..Typed::default()
            };
            self.compare_with = None;
        }
        self.articles = store.articles(c.id).unwrap_or_default();
        self.versions = store.charter_versions(c.id).unwrap_or_default();
        if self.compare_with.is_none() {
            // What changed since the first text put to the inhabitants.
            self.compare_with = self.versions.first().map(|v| v.number);
        }
        self.contributions = store.contributions(c.id).unwrap_or_default();
        self.names = self
            .contributions
            .iter()
            .map(|x| {
                let who = match x.contact.and_then(|id| store.contact(id).ok()) {
                    Some(contact) => contact.display_name(),
                    None if !x.participant.is_empty() => x.participant.clone(),
                    None => "Anonyme".into(),
                };
                (x.id, who)
            })
            .collect();
        self.pactes = store.pactes(c.id).unwrap_or_default();
        self.article_choices = std::iter::once(Choice::new(None, "Tout le texte"))
            .chain(
                self.articles
                    .iter()
                    .enumerate()
                    .map(|(i, a)| Choice::new(Some(a.id), format!("Art. {} — {}", i + 1, a.title))),
            )
            .collect();
        self.meeting_choices = std::iter::once(Choice::new(None, "Contribution écrite"))
            .chain(
                store
                    .meetings_of(None)
                    .unwrap_or_default()
                    .into_iter()
                    .rev()
                    .map(|m| {
                        Choice::new(
                            Some(m.id),
                            format!("{} — {}", fr::date_short(m.date), m.title),
                        )
                    }),
            )
            .collect();
        self.current = Some(c);
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        if let Msg::Export(paper, editable) = msg {
            let event = self
                .current
                .as_ref()
                .map(|c| Event::export(Document::Charter(c.id, paper), editable));
            return (Task::none(), event);
        }
        let written = self.apply(msg, store);
        if matches!(written, Ok(Some(_))) {
            self.reload(store);
        }
        (Task::none(), outcome(written))
    }

    fn apply(&mut self, msg: Msg, store: &mut Store) -> Result<Option<String>, StoreError> {
        let t = &mut self.typed;
        let id = self.current.as_ref().map(|c| c.id).unwrap_or_default();
        match msg {
            Msg::Pick(c) => self.select(store, c.value),
            Msg::NewCharter => {
                let id = store.save_charter(&Charter {
                    title: "Nouvelle charte".into(),
                    ..Default::default()
                })?;
                self.select(store, id);
                return Ok(Some(
                    "Charte créée : donnez-lui son titre et ses articles.".into(),
                ));
            }
            Msg::Field(f, v) => {
                // A contribution's fields exist only while its form is open.
                let c = t.contribution.as_mut();
                let slot = match f {
                    Field::Participant => c.map(|c| &mut c.participant),
                    Field::ReceivedOn => c.map(|c| &mut c.received_on),
                    Field::Proposal => c.map(|c| &mut c.proposal),
                    Field::Title => Some(&mut t.title),
                    Field::Preamble => Some(&mut t.preamble),
                    Field::AdoptedOn => Some(&mut t.adopted_on),
                    Field::Deliberation => Some(&mut t.deliberation),
                    Field::ArticleTitle => Some(&mut t.article_title),
                    Field::VersionLabel => Some(&mut t.version_label),
                    Field::Answer => Some(&mut t.answer),
                    Field::PacteTitle => Some(&mut t.pacte_title),
                    Field::PacteParties => Some(&mut t.parties),
                    Field::PacteCommon => Some(&mut t.common),
                    Field::PacteSigned => Some(&mut t.signed),
                    Field::PacteEnds => Some(&mut t.ends),
                    Field::PacteRenewal => Some(&mut t.renewal),
                    Field::PacteCommitments => Some(&mut t.commitments),
                };
                if let Some(slot) = slot {
                    *slot = v;
                }
            }
            Msg::SaveCharter => {
                let c = Charter {
                    id,
                    title: t.title.clone(),
                    preamble: t.preamble.clone(),
                    adopted_on: parse::opt_date(&t.adopted_on)?,
                    deliberation: t.deliberation.clone(),
                };
                store.save_charter(&c)?;
                return Ok(Some(match c.adopted_on {
                    Some(d) => format!(
                        "Charte enregistrée, adoptée le {} (délibération {}).",
                        fr::date_short(d),
                        c.deliberation.trim()
                    ),
                    None => "Charte enregistrée.".into(),
                }));
            }
            Msg::EditArticle(which) => {
                let a = which.and_then(|w| self.articles.iter().find(|a| a.id == w));
                t.article = Some(a.map_or(ArticleId(0), |a| a.id));
                t.article_title = a.map(|a| a.title.clone()).unwrap_or_default();
                self.article_text =
                    text_editor::Content::with_text(a.map_or("", |a| a.text.as_str()));
            }
            Msg::ArticleText(action) => self.article_text.perform(action),
            Msg::SaveArticle => {
                let Some(article) = t.article else {
                    return Ok(None);
                };
                store.save_article(
                    id,
                    &Article {
                        id: article,
                        position: 0,
                        title: t.article_title.clone(),
                        text: self.article_text.text(),
                    },
                )?;
                t.article = None;
                return Ok(Some("Article enregistré.".into()));
            }
            Msg::History(a) => {
                self.history = (self.history != Some(a)).then_some(a);
            }
            Msg::MoveArticle(a, up) => {
                store.move_article(id, a, up)?;
                return Ok(Some("Article déplacé.".into()));
            }
            Msg::RemoveArticle(a) => {
                store.remove_article(id, a)?;
                return Ok(Some("Article retiré.".into()));
            }
            Msg::SaveVersion => {
                let n = store.save_charter_version(id, &t.version_label, self.today)?;
                t.version_label.clear();
                self.compare_with = Some(n);
                return Ok(Some(format!("Version {n} enregistrée.")));
            }
            Msg::CompareWith(c) => self.compare_with = Some(c.value),
            Msg::Filter(c) => self.filter = c.value,
            Msg::NewContribution => {
                t.contribution = Some(NewContribution {
                    received_on: fr::date_short(self.today),
                    ..Default::default()
                });
                t.answering = None;
            }
            Msg::ContributionArticle(c) => {
                if let Some(f) = &mut t.contribution {
                    f.article = c.value;
                }
            }
            Msg::ContributionMeeting(c) => {
                if let Some(f) = &mut t.contribution {
                    f.meeting = c.value;
                }
            }
            Msg::ContactSearch(typed) => {
                if let Some(f) = &mut t.contribution {
                    f.contact_found = crate::ui::choice::contacts_found(store, &typed)?;
                    f.contact_search = typed;
                }
            }
            Msg::ContactPick(who) => {
                if let Some(f) = &mut t.contribution {
                    f.contact = who;
                    f.contact_found.clear();
                    f.contact_search.clear();
                }
            }
            Msg::SaveContribution => {
                let Some(f) = &t.contribution else {
                    return Ok(None);
                };
                let c = Contribution {
                    article: f.article,
                    contact: f.contact.as_ref().map(|(id, _)| *id),
                    participant: f.participant.clone(),
                    meeting: f.meeting,
                    received_on: parse::opt_date(&f.received_on)?,
                    proposal: f.proposal.clone(),
                    ..Default::default()
                };
                store.save_contribution(id, &c, self.today)?;
                t.contribution = None;
                return Ok(Some("Contribution enregistrée, à examiner.".into()));
            }
            Msg::Answer(c) => {
                let found = self.contributions.iter().find(|x| x.id == c);
                t.answering = Some((
                    c,
                    found.map_or(ContributionStatus::Retained, |x| {
                        if x.state() == ContributionStatus::ToReview {
                            ContributionStatus::Retained
                        } else {
                            x.state()
                        }
                    }),
                ));
                t.answer = found.map(|x| x.answer.clone()).unwrap_or_default();
                t.contribution = None;
            }
            Msg::AnswerStatus(s) => {
                if let Some((_, status)) = &mut t.answering {
                    *status = s;
                }
            }
            Msg::PublishAnswer => {
                let Some((c, status)) = t.answering else {
                    return Ok(None);
                };
                let Some(mut found) = self.contributions.iter().find(|x| x.id == c).cloned() else {
                    return Ok(None);
                };
                found.status = Some(status);
                found.answer = t.answer.trim().to_string();
                store.save_contribution(id, &found, self.today)?;
                t.answering = None;
                t.answer.clear();
                return Ok(Some(format!(
                    "Réponse à la contribution n° {} publiée : {}.",
                    found.number,
                    status.label().to_lowercase()
                )));
            }
            Msg::CancelForm => {
                t.article = None;
                t.contribution = None;
                t.answering = None;
                t.pacte = None;
            }
            Msg::EditPacte(which) => {
                let p = which.and_then(|w| self.pactes.iter().find(|p| p.id == w));
                let date = |d: Option<NaiveDate>| d.map(fr::date_short).unwrap_or_default();
                t.pacte = Some(p.map_or(PacteId(0), |p| p.id));
                t.pacte_title = p.map(|p| p.title.clone()).unwrap_or_default();
                t.parties = p
                    .map(|p| p.parties.replace('\n', " ; "))
                    .unwrap_or_default();
                t.common = p.map(|p| p.common.clone()).unwrap_or_default();
                t.signed = date(p.and_then(|p| p.signed_on));
                t.ends = date(p.and_then(|p| p.ends_on));
                t.renewal = date(p.and_then(|p| p.renewal_on));
                t.commitments = p.map(|p| p.commitments.clone()).unwrap_or_default();
            }
            Msg::SavePacte => {
                let Some(pacte) = t.pacte else {
                    return Ok(None);
                };
                store.save_pacte(
                    id,
                    &Pacte {
                        id: pacte,
                        title: t.pacte_title.clone(),
                        parties: t
                            .parties
                            .split(';')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n"),
                        common: t.common.clone(),
                        signed_on: parse::opt_date(&t.signed)?,
                        ends_on: parse::opt_date(&t.ends)?,
                        renewal_on: parse::opt_date(&t.renewal)?,
                        commitments: t.commitments.clone(),
                    },
                )?;
                t.pacte = None;
                return Ok(Some("Pacte de coopération enregistré.".into()));
            }
            Msg::RemovePacte(p) => {
                store.remove_pacte(id, p)?;
                return Ok(Some("Pacte de coopération retiré.".into()));
            }
            Msg::Export(..) => {}
        }
        Ok(None)
    }

    /// Shows another charter: its fields replace what was typed.
    fn select(&mut self, store: &Store, id: CharterId) {
        self.wanted = Some(id);
        self.reload(store);
    }
}

impl State {
    pub fn view(&self) -> Element<'_, Msg> {
        let mut bar = row![
            pick_list(
                self.charters.as_slice(),
                self.current
                    .as_ref()
                    .and_then(|c| selected(&self.charters, &c.id)),
                Msg::Pick
            )
            .placeholder("Aucune charte")
            .width(Length::Fixed(360.0)),
            widget::small_button("Nouvelle charte", Msg::NewCharter),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let Some(c) = &self.current else {
            return column![
                bar,
                widget::muted(
                    "Aucune charte. « Nouvelle charte » ouvre un texte à co-écrire : ses articles, les contributions reçues et les réponses publiées, ses versions, son adoption, les pactes signés sous elle."
                )
            ]
            .spacing(10)
            .into();
        };
        bar = bar
            .push(widget::small_button(
                "Charte et ce qui a changé (PDF)",
                Msg::Export(Paper::Text, false),
            ))
            .push(widget::small_button("ODT", Msg::Export(Paper::Text, true)))
            .push(widget::small_button(
                "Tableau des contributions (PDF)",
                Msg::Export(Paper::Contributions, false),
            ))
            .push(widget::small_button(
                "ODT",
                Msg::Export(Paper::Contributions, true),
            ));
        column![
            bar,
            widget::section("La charte", self.head(c)),
            widget::section("Le texte", self.text_view()),
            widget::section("Versions", self.versions_view()),
            widget::section("Contributions", self.contributions_view()),
            widget::section("Pactes de coopération", self.pactes_view()),
        ]
        .spacing(12)
        .into()
    }

    fn head(&self, c: &Charter) -> Element<'_, Msg> {
        let t = &self.typed;
        let input = widget::input::<Msg>;
        column![
            input(
                "Titre",
                &t.title,
                |s| Msg::Field(Field::Title, s),
                "charter-title"
            ),
            input(
                "Préambule (ce qu’elle est, pour qui)",
                &t.preamble,
                |s| Msg::Field(Field::Preamble, s),
                "charter-preamble"
            ),
            row![
                input(
                    "Adoptée par le conseil le (jj/mm/aaaa)",
                    &t.adopted_on,
                    |s| Msg::Field(Field::AdoptedOn, s),
                    "charter-adopted"
                ),
                input(
                    "N° de la délibération",
                    &t.deliberation,
                    |s| Msg::Field(Field::Deliberation, s),
                    "charter-deliberation"
                ),
                button(text(widget::label("Enregistrer"))).on_press(Msg::SaveCharter),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            widget::muted(fr::typography(&match c.adopted_on {
                Some(d) => format!(
                    "Adoptée le {} (délibération {}).",
                    fr::date_long(d),
                    c.deliberation
                ),
                None =>
                    "Projet : pas encore adoptée ; les documents portent la mention « PROJET »."
                        .into(),
            })),
        ]
        .spacing(8)
        .into()
    }

    fn text_view(&self) -> Element<'_, Msg> {
        let mut col = column![].spacing(8);
        if self.articles.is_empty() {
            col = col.push(widget::muted("Pas encore d’article."));
        }
        for (i, a) in self.articles.iter().enumerate() {
            if self.typed.article == Some(a.id) {
                col = col.push(self.article_form());
                continue;
            }
            let retained = self
                .contributions
                .iter()
                .filter(|c| c.article == Some(a.id) && c.retained())
                .count();
            let waiting = self
                .contributions
                .iter()
                .filter(|c| c.article == Some(a.id) && c.state() == ContributionStatus::ToReview)
                .count();
            col = col.push(
                column![
                    row![
                        text(fr::typography(&format!("Article {} — {}", i + 1, a.title)))
                            .font(widget::bold())
                            .width(Length::Fill),
                        widget::small_button("Historique", Msg::History(a.id)),
                        widget::small_button("↑", Msg::MoveArticle(a.id, true)),
                        widget::small_button("↓", Msg::MoveArticle(a.id, false)),
                        widget::small_button("Modifier", Msg::EditArticle(Some(a.id))),
                        widget::small_button("Retirer", Msg::RemoveArticle(a.id)),
                    ]
                    .spacing(6)
                    .align_y(Alignment::Center),
                    text(a.text.as_str()).size(14),
                    widget::muted(fr::typography(&format!(
                        "{retained} contribution(s) retenue(s) en tout ou partie · {waiting} à examiner"
                    ))),
                ]
                .push((self.history == Some(a.id)).then(|| self.history_view(a)))
                .spacing(4),
            );
        }
        if self.typed.article == Some(ArticleId(0)) {
            col = col.push(self.article_form());
        } else {
            col = col.push(widget::small_button(
                "Ajouter un article",
                Msg::EditArticle(None),
            ));
        }
        col.into()
    }

    /// An article's text in each saved version (matched by its title), oldest first.
    fn history_view(&self, a: &Article) -> Element<'_, Msg> {
        let mut col = column![].spacing(2).padding([4, 16]);
        let mut any = false;
        for v in &self.versions {
            let Some(old) = v.articles.iter().find(|s| s.title == a.title) else {
                continue;
            };
            any = true;
            let same = old.text == a.text;
            col = col.push(widget::muted(fr::typography(&format!(
                "Version {} du {}{} : {}",
                v.number,
                fr::date_short(v.saved_on),
                if same { " (comme aujourd’hui)" } else { "" },
                old.text
            ))));
        }
        if !any {
            col = col.push(widget::muted(
                "Aucune version enregistrée ne contient cet article sous ce titre.",
            ));
        }
        col.into()
    }

    fn article_form(&self) -> Element<'_, Msg> {
        column![
            widget::input(
                "Titre de l’article",
                &self.typed.article_title,
                |s| Msg::Field(Field::ArticleTitle, s),
                "article-title"
            ),
            text_editor(&self.article_text)
                .id("article-text")
                .on_action(Msg::ArticleText)
                .height(Length::Fixed(110.0))
                .padding(6),
            row![
                button(text(widget::label("Enregistrer l’article"))).on_press(Msg::SaveArticle),
                widget::small_button("Annuler", Msg::CancelForm),
            ]
            .spacing(8),
        ]
        .spacing(6)
        .into()
    }

    fn versions_view(&self) -> Element<'_, Msg> {
        let mut col = column![
            row![
                widget::input(
                    "Intitulé de la version (« Projet soumis au conseil »)",
                    &self.typed.version_label,
                    |s| Msg::Field(Field::VersionLabel, s),
                    "version-label"
                ),
                button(text(widget::label("Enregistrer le texte comme version")))
                    .on_press(Msg::SaveVersion),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        ]
        .spacing(8);
        for v in self.versions.iter().rev() {
            col = col.push(widget::muted(fr::typography(&format!(
                "Version {} du {} — {} ({} article(s))",
                v.number,
                fr::date_short(v.saved_on),
                if v.label.is_empty() {
                    "sans intitulé"
                } else {
                    &v.label
                },
                v.articles.len()
            ))));
        }
        let choices: Vec<Choice<u32>> = self
            .versions
            .iter()
            .map(|v| Choice::new(v.number, format!("version {}", v.number)))
            .collect();
        if choices.is_empty() {
            return col
                .push(widget::muted("Aucune version enregistrée."))
                .into();
        }
        col = col.push(
            row![
                text(widget::label("Ce qui a changé depuis la")).color(theme::MUTED),
                pick_list(
                    choices.clone(),
                    self.compare_with.and_then(|n| selected(&choices, &n)),
                    Msg::CompareWith
                ),
                text(widget::label("jusqu’au texte actuel")).color(theme::MUTED),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some(v) = self
            .compare_with
            .and_then(|n| self.versions.iter().find(|v| v.number == n))
        {
            let changes = compare(&v.articles, &sections(&self.articles));
            col = col.push(crate::ui::diff::view(changes, crate::ui::diff::ARTICLES));
        }
        col.into()
    }

    fn contributions_view(&self) -> Element<'_, Msg> {
        let counts = count_by_state(&self.contributions)
            .into_iter()
            .map(|(s, n)| format!("{} : {n}", s.label()))
            .collect::<Vec<_>>()
            .join(" · ");
        let filters: Vec<Choice<Option<ContributionStatus>>> =
            std::iter::once(Choice::new(None, "Toutes"))
                .chain(
                    ContributionStatus::ALL
                        .iter()
                        .map(|s| Choice::new(Some(*s), s.label())),
                )
                .collect();
        let mut col = column![
            row![
                text(fr::typography(&counts)).width(Length::Fill),
                pick_list(
                    filters.clone(),
                    selected(&filters, &self.filter),
                    Msg::Filter
                ),
                widget::small_button("Nouvelle contribution", Msg::NewContribution),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        ]
        .spacing(10);
        if let Some(f) = &self.typed.contribution {
            col = col.push(self.contribution_form(f));
        }
        for c in self
            .contributions
            .iter()
            .filter(|c| self.filter.is_none_or(|f| c.state() == f))
        {
            col = col.push(self.contribution_line(c));
        }
        col.into()
    }

    fn contribution_line<'a>(&'a self, c: &'a Contribution) -> Element<'a, Msg> {
        let article = self
            .article_choices
            .iter()
            .find(|x| x.value == c.article)
            .map_or("Tout le texte".to_string(), |x| x.label.clone());
        let origin = c
            .meeting
            .and_then(|m| self.meeting_choices.iter().find(|x| x.value == Some(m)))
            .map_or("contribution écrite".to_string(), |x| x.label.clone());
        let who = self
            .names
            .iter()
            .find(|(id, _)| *id == c.id)
            .map_or("", |(_, n)| n.as_str());
        let colour = match c.state() {
            ContributionStatus::ToReview => theme::LATE,
            ContributionStatus::Dismissed => theme::MUTED,
            _ => theme::OK,
        };
        let mut col = column![
            row![
                text(fr::typography(&format!("n° {} · {article}", c.number))).font(widget::bold()),
                text(c.state().label()).color(colour),
                iced::widget::Space::new().width(Length::Fill),
                widget::small_button("Répondre", Msg::Answer(c.id)),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            widget::muted(fr::typography(&format!(
                "{who} · {origin}{}",
                c.received_on
                    .map(|d| format!(" · reçue le {}", fr::date_short(d)))
                    .unwrap_or_default()
            ))),
            text(fr::typography(&c.proposal)).size(14),
        ]
        .spacing(3);
        if !c.answer.is_empty() {
            col = col.push(
                text(fr::typography(&format!(
                    "Réponse{} : {}",
                    c.answered_on
                        .map(|d| format!(" du {}", fr::date_short(d)))
                        .unwrap_or_default(),
                    c.answer
                )))
                .size(14)
                .color(theme::ACCENT),
            );
        }
        if let Some((id, status)) = self.typed.answering
            && id == c.id
        {
            col = col.push(
                column![
                    row![
                        text(widget::label("Suite donnée :")).color(theme::MUTED),
                        pick_list(
                            &ContributionStatus::ALL[1..],
                            Some(status),
                            Msg::AnswerStatus
                        ),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                    widget::input(
                        "La réponse publiée : pourquoi elle est retenue, en partie, ou écartée",
                        &self.typed.answer,
                        |s| Msg::Field(Field::Answer, s),
                        "contribution-answer"
                    ),
                    row![
                        button(text(widget::label("Publier la réponse")))
                            .on_press(Msg::PublishAnswer),
                        widget::small_button("Annuler", Msg::CancelForm),
                    ]
                    .spacing(8),
                ]
                .spacing(6),
            );
        }
        iced::widget::container(col)
            .padding(8)
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }

    fn contribution_form<'a>(&'a self, t: &'a NewContribution) -> Element<'a, Msg> {
        column![
            row![
                text(widget::label("Article :")).color(theme::MUTED),
                pick_list(
                    self.article_choices.as_slice(),
                    selected(&self.article_choices, &t.article),
                    Msg::ContributionArticle
                ),
                text(widget::label("Venue de :")).color(theme::MUTED),
                pick_list(
                    self.meeting_choices.as_slice(),
                    selected(&self.meeting_choices, &t.meeting),
                    Msg::ContributionMeeting
                )
                .width(Length::Fill),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            contributor_picker(t),
            row![
                widget::input(
                    "Ou qui, comme la personne le souhaite (vide : anonyme)",
                    &t.participant,
                    |s| Msg::Field(Field::Participant, s),
                    "contribution-participant"
                ),
                widget::input(
                    "Reçue le (jj/mm/aaaa)",
                    &t.received_on,
                    |s| Msg::Field(Field::ReceivedOn, s),
                    "contribution-date"
                ),
            ]
            .spacing(8),
            widget::input(
                "Ce qui est proposé",
                &t.proposal,
                |s| Msg::Field(Field::Proposal, s),
                "contribution-proposal"
            ),
            row![
                button(text(widget::label("Enregistrer la contribution")))
                    .on_press(Msg::SaveContribution),
                widget::small_button("Annuler", Msg::CancelForm),
            ]
            .spacing(8),
        ]
        .spacing(6)
        .into()
    }

    fn pactes_view(&self) -> Element<'_, Msg> {
        let mut col = column![].spacing(8);
        for p in &self.pactes {
            if self.typed.pacte == Some(p.id) {
                col = col.push(self.pacte_form());
                continue;
            }
            let dates = [
                p.signed_on
                    .map(|d| format!("signé le {}", fr::date_short(d))),
                p.ends_on.map(|d| format!("jusqu’au {}", fr::date_short(d))),
                p.renewal_on
                    .map(|d| format!("renouvellement à discuter le {}", fr::date_short(d))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            col = col.push(
                column![
                    row![
                        text(p.title.as_str())
                            .font(widget::bold())
                            .width(Length::Fill),
                        widget::small_button("Modifier", Msg::EditPacte(Some(p.id))),
                        widget::small_button("Retirer", Msg::RemovePacte(p.id)),
                    ]
                    .spacing(6)
                    .align_y(Alignment::Center),
                    widget::muted(fr::typography(&format!(
                        "{} · {} · {dates}",
                        p.parties.replace('\n', ", "),
                        p.common
                    ))),
                    text(p.commitments.as_str()).size(14),
                ]
                .spacing(3),
            );
        }
        if self.typed.pacte == Some(PacteId(0)) {
            col = col.push(self.pacte_form());
        } else {
            col = col.push(widget::small_button(
                "Nouveau pacte de coopération",
                Msg::EditPacte(None),
            ));
        }
        col.into()
    }

    fn pacte_form(&self) -> Element<'_, Msg> {
        let t = &self.typed;
        let input = widget::input::<Msg>;
        column![
            row![
                input(
                    "Intitulé",
                    &t.pacte_title,
                    |s| Msg::Field(Field::PacteTitle, s),
                    "pacte-title"
                ),
                input(
                    "Commun concerné",
                    &t.common,
                    |s| Msg::Field(Field::PacteCommon, s),
                    "pacte-common"
                ),
            ]
            .spacing(8),
            input(
                "Parties (séparées par « ; »)",
                &t.parties,
                |s| Msg::Field(Field::PacteParties, s),
                "pacte-parties"
            ),
            row![
                input(
                    "Signé le",
                    &t.signed,
                    |s| Msg::Field(Field::PacteSigned, s),
                    "pacte-signed"
                ),
                input(
                    "Jusqu’au",
                    &t.ends,
                    |s| Msg::Field(Field::PacteEnds, s),
                    "pacte-ends"
                ),
                input(
                    "Renouvellement à discuter le",
                    &t.renewal,
                    |s| Msg::Field(Field::PacteRenewal, s),
                    "pacte-renewal"
                ),
            ]
            .spacing(8),
            input(
                "Engagements de chacun",
                &t.commitments,
                |s| Msg::Field(Field::PacteCommitments, s),
                "pacte-commitments"
            ),
            row![
                button(text(widget::label("Enregistrer le pacte"))).on_press(Msg::SavePacte),
                widget::small_button("Annuler", Msg::CancelForm),
            ]
            .spacing(8),
        ]
        .spacing(6)
        .into()
    }
}

/// A contact of the directory as the contributor: found by name, or none.
fn contributor_picker(t: &NewContribution) -> Element<'_, Msg> {
    if let Some((_, name)) = &t.contact {
        return row![
            text(fr::typography(&format!(
                "Contribution de {name} (annuaire)"
            ))),
            widget::small_button("Retirer", Msg::ContactPick(None)),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into();
    }
    let mut col = column![widget::input(
        "Une personne de l’annuaire (tapez son nom)…",
        &t.contact_search,
        Msg::ContactSearch,
        "contribution-contact"
    )]
    .spacing(4);
    for c in &t.contact_found {
        col = col.push(
            row![
                text(c.name.as_str()).width(Length::Fill),
                widget::small_button("Choisir", Msg::ContactPick(Some((c.id, c.name.clone())))),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        );
    }
    col.into()
}
