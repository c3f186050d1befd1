//! The Propositions tab: counts by status and theme, each proposal with the city's
//! follow-up (status, directorate, progress, members' grade, dated answers), forms to
//! add a proposal or answer one, the follow-up CSV checked then applied whole, and the
//! follow-up table's PDF.

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::super::{Event, outcome};
use crate::domain::codes::ProposalStatus;
use crate::domain::ids::ProposalId;
use crate::domain::overview::ConventionOverview;
use crate::domain::parse;
use crate::domain::proposal::{Answer, Proposal, count_by_status, count_by_theme};
use crate::domain::text as fr;
use crate::export::Document;
use crate::import::followup::{self, Followup};
use crate::store::{Store, StoreError};
use crate::ui::{theme, widget};

/// The tab's state.
#[derive(Debug, Default)]
pub struct Proposals {
    selected: Option<ProposalId>,
    answers: Vec<Answer>,
    /// The proposal form: `Some(id)` edits, `Some(0)` adds.
    editing: Option<ProposalId>,
    title: String,
    body: String,
    theme: String,
    vote: String,
    directorate: String,
    progress: String,
    grade: String,
    answer_date: String,
    answer_status: Option<ProposalStatus>,
    answer_text: String,
    import_path: String,
    import: Option<Followup>,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Select(ProposalId),
    New,
    Edit,
    /// One field of the proposal form.
    Field(Field, String),
    Save,
    Cancel,
    AnswerDate(String),
    AnswerStatus(ProposalStatus),
    AnswerText(String),
    SaveAnswer,
    ImportPath(String),
    ChooseFile,
    FileChosen(Option<PathBuf>),
    Check,
    Apply,
    /// Handled by the panel: write the follow-up PDF.
    Export,
}

/// The proposal form's text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Theme,
    Vote,
    Directorate,
    Progress,
    Grade,
}

impl Proposals {
    fn fill(&mut self, p: &Proposal) {
        self.title = p.title.clone();
        self.body = p.text.clone();
        self.theme = p.theme.clone();
        self.vote = p.vote_result.clone();
        self.directorate = p.directorate.clone();
        self.progress = p.progress.to_string();
        self.grade = p.members_grade.map(|g| g.to_string()).unwrap_or_default();
    }

    /// The text typed in `field`.
    fn field(&mut self, field: Field) -> &mut String {
        match field {
            Field::Title => &mut self.title,
            Field::Body => &mut self.body,
            Field::Theme => &mut self.theme,
            Field::Vote => &mut self.vote,
            Field::Directorate => &mut self.directorate,
            Field::Progress => &mut self.progress,
            Field::Grade => &mut self.grade,
        }
    }

    /// Handles a message: a task (the file dialog), and what the panel must know.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        match msg {
            Msg::Export => {
                let export = Event::Export(Document::Followup(o.convention.id));
                (Task::none(), Some(export))
            }
            Msg::ChooseFile => {
                let choose = crate::ui::save_dialog::open_csv("Choisir le fichier de suivi");
                (Task::perform(choose, Msg::FileChosen), None)
            }
            msg => (Task::none(), outcome(self.apply(msg, store, o, today))),
        }
    }

    /// Handles a message; `Ok(Some(notice))` after a write.
    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
        today: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        match msg {
            Msg::Select(id) => {
                self.selected = Some(id);
                self.editing = None;
                self.answers = store.answers(id)?;
                self.answer_date = fr::date_short(today);
                self.answer_status = o.proposals.iter().find(|p| p.id == id).map(|p| p.status);
                self.answer_text.clear();
            }
            Msg::New => {
                *self = Proposals {
                    editing: Some(ProposalId(0)),
                    progress: "0".into(),
                    import_path: std::mem::take(&mut self.import_path),
                    ..Proposals::default()
                };
            }
            Msg::Edit => {
                if let Some(p) = self
                    .selected
                    .and_then(|id| o.proposals.iter().find(|p| p.id == id))
                {
                    self.editing = Some(p.id);
                    self.fill(p);
                }
            }
            Msg::Field(field, s) => *self.field(field) = s,
            Msg::Cancel => self.editing = None,
            Msg::Save => return self.save(store, o),
            Msg::AnswerDate(s) => self.answer_date = s,
            Msg::AnswerStatus(s) => self.answer_status = Some(s),
            Msg::AnswerText(s) => self.answer_text = s,
            Msg::SaveAnswer => return self.save_answer(store),
            Msg::ImportPath(s) => {
                self.import_path = s;
                self.import = None;
            }
            Msg::FileChosen(path) => {
                if let Some(p) = path {
                    self.import_path = p.display().to_string();
                    self.check(store, o)?;
                }
            }
            Msg::Check => self.check(store, o)?,
            Msg::Apply => return self.apply_followup(store, o, today),
            Msg::ChooseFile | Msg::Export => {}
        }
        Ok(None)
    }

    /// Saves the proposal being edited (a new one gets the next number).
    fn save(
        &mut self,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> Result<Option<String>, StoreError> {
        let Some(id) = self.editing else {
            return Ok(None);
        };
        let base = o.proposals.iter().find(|p| p.id == id);
        let progress = if self.progress.trim().is_empty() {
            0
        } else {
            parse::count(&self.progress)?
        };
        let grade = if self.grade.trim().is_empty() {
            None
        } else {
            Some(parse::count(&self.grade)?)
        };
        let p = Proposal {
            id,
            convention: o.convention.id,
            number: base.map_or(0, |b| b.number),
            title: self.title.trim().to_string(),
            text: self.body.trim().to_string(),
            theme: self.theme.trim().to_string(),
            vote_result: self.vote.trim().to_string(),
            status: base.map_or(ProposalStatus::ToReview, |b| b.status),
            directorate: self.directorate.trim().to_string(),
            progress: u8::try_from(progress).unwrap_or(u8::MAX),
            members_grade: grade.map(|g| u8::try_from(g).unwrap_or(u8::MAX)),
        };
        let notice = if id.0 == 0 {
            let new = store.add_proposal(&p)?;
            self.selected = Some(new);
            self.answers.clear();
            "Proposition enregistrée."
        } else {
            store.update_proposal(&p)?;
            "Proposition modifiée."
        };
        self.editing = None;
        Ok(Some(notice.into()))
    }

    /// Records the city's answer to the selected proposal.
    fn save_answer(&mut self, store: &mut Store) -> Result<Option<String>, StoreError> {
        let Some(id) = self.selected else {
            return Ok(None);
        };
        let status = self.answer_status.unwrap_or(ProposalStatus::ToReview);
        store.add_answer(&Answer {
            proposal: id,
            date: parse::date(&self.answer_date)?,
            status,
            text: self.answer_text.trim().to_string(),
        })?;
        self.answers = store.answers(id)?;
        self.answer_text.clear();
        Ok(Some(format!(
            "Réponse enregistrée : la proposition est « {} ».",
            status.label().to_lowercase()
        )))
    }

    /// Applies the checked follow-up file (after a backup).
    fn apply_followup(
        &mut self,
        store: &mut Store,
        o: &ConventionOverview,
        today: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        let Some(f) = self.import.clone().filter(Followup::is_clean) else {
            return Ok(None);
        };
        let n = store.apply_followup(o.convention.id, &f, today)?;
        self.import = None;
        if let Some(id) = self.selected {
            self.answers = store.answers(id)?;
        }
        Ok(Some(format!(
            "Suivi importé : {n} proposition(s) mises à jour (une sauvegarde a été faite avant)."
        )))
    }

    fn check(&mut self, store: &Store, o: &ConventionOverview) -> Result<(), StoreError> {
        let path = self.import_path.trim();
        let mut f = match crate::files::read_named(path) {
            Ok(bytes) => followup::parse(&bytes),
            Err(why) => Followup {
                lines: Vec::new(),
                errors: vec![why],
            },
        };
        if f.errors.is_empty() {
            store.check_followup(o.convention.id, &mut f)?;
        }
        self.import = Some(f);
        Ok(())
    }

    /// The tab.
    pub fn view<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Msg> {
        let mut page = column![
            row![
                button(text("Nouvelle proposition")).on_press(Msg::New),
                iced::widget::Space::new().width(Length::Fill),
                button(text("Exporter le tableau de suivi (PDF)"))
                    .style(button::secondary)
                    .on_press(Msg::Export),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        ]
        .spacing(12);
        let by_status = count_by_status(&o.proposals)
            .into_iter()
            .map(|(s, n)| format!("{} : {n}", s.label()))
            .collect::<Vec<_>>()
            .join(" · ");
        let by_theme = count_by_theme(&o.proposals)
            .into_iter()
            .map(|(t, n)| format!("{t} : {n}"))
            .collect::<Vec<_>>()
            .join(" · ");
        page = page
            .push(widget::field("Par statut", fr::typography(&by_status)))
            .push(widget::field("Par thème", fr::typography(&by_theme)));
        if self.editing.is_some() {
            page = page.push(self.form());
        }
        let mut list = column![].spacing(2);
        if o.proposals.is_empty() {
            list = list.push(widget::muted(tf!("Aucune proposition pour l'instant.")));
        }
        for p in &o.proposals {
            let selected = self.selected == Some(p.id);
            list = list.push(widget::entry(
                column![
                    text(format!("n° {} — {}", p.number, p.title)),
                    text(format!(
                        "{} · {} · {} · avancement {}\u{202F}%{}",
                        if p.theme.is_empty() {
                            "sans thème"
                        } else {
                            p.theme.as_str()
                        },
                        p.status.label(),
                        if p.directorate.is_empty() {
                            "direction à désigner"
                        } else {
                            p.directorate.as_str()
                        },
                        p.progress,
                        p.members_grade
                            .map(|g| format!(" · note des membres {g}/10"))
                            .unwrap_or_default()
                    ))
                    .size(12),
                ],
                selected,
                Msg::Select(p.id),
            ));
            if selected && self.editing.is_none() {
                list = list.push(self.sheet(p));
            }
        }
        page.push(list).push(self.import_view()).into()
    }

    fn form(&self) -> Element<'_, Msg> {
        let new = self.editing == Some(ProposalId(0));
        widget::section(
            if new {
                "Nouvelle proposition"
            } else {
                "Modifier la proposition"
            },
            column![
                widget::input(
                    "Titre",
                    &self.title,
                    |s| Msg::Field(Field::Title, s),
                    "proposal-title"
                ),
                widget::input(
                    "Texte de la proposition",
                    &self.body,
                    |s| Msg::Field(Field::Body, s),
                    "proposal-text"
                ),
                row![
                    widget::input(
                        "Thème",
                        &self.theme,
                        |s| Msg::Field(Field::Theme, s),
                        "proposal-theme"
                    ),
                    widget::input(
                        "Résultat du vote",
                        &self.vote,
                        |s| Msg::Field(Field::Vote, s),
                        "proposal-vote"
                    ),
                ]
                .spacing(8),
                row![
                    widget::input(
                        "Direction chargée du suivi",
                        &self.directorate,
                        |s| Msg::Field(Field::Directorate, s),
                        "proposal-directorate"
                    ),
                    widget::input(
                        "Avancement (0 à 100)",
                        &self.progress,
                        |s| Msg::Field(Field::Progress, s),
                        "proposal-progress"
                    ),
                    widget::input(
                        "Note des membres (0 à 10)",
                        &self.grade,
                        |s| Msg::Field(Field::Grade, s),
                        "proposal-grade"
                    ),
                ]
                .spacing(8),
                row![
                    button(text(if new {
                        "Enregistrer la proposition"
                    } else {
                        "Enregistrer les modifications"
                    }))
                    .on_press(Msg::Save),
                    widget::small_button("Annuler", Msg::Cancel),
                ]
                .spacing(8),
            ]
            .spacing(8),
        )
    }

    fn sheet<'a>(&'a self, p: &'a Proposal) -> Element<'a, Msg> {
        let mut history = column![].spacing(4);
        if self.answers.is_empty() {
            history = history.push(widget::muted(tf!("La Ville n'a pas encore répondu.")));
        }
        for a in &self.answers {
            history = history.push(
                row![
                    text(fr::date_short(a.date))
                        .width(Length::Fixed(95.0))
                        .color(theme::MUTED),
                    text(a.status.label())
                        .width(Length::Fixed(170.0))
                        .font(widget::bold()),
                    text(fr::typography(&a.text)).width(Length::Fill),
                ]
                .spacing(8),
            );
        }
        widget::section(
            format!("Proposition n° {}", p.number),
            column![
                text(if p.text.is_empty() {
                    p.title.as_str()
                } else {
                    p.text.as_str()
                }),
                widget::field("Vote", p.vote_result.as_str()),
                widget::small_button("Modifier la proposition", Msg::Edit),
                text("Réponses de la Ville").font(widget::bold()),
                history,
                widget::input(
                    "Réponse de la Ville",
                    &self.answer_text,
                    Msg::AnswerText,
                    "answer-text"
                ),
                row![
                    text_input("Date (jj/mm/aaaa)", &self.answer_date)
                        .id("answer-date")
                        .on_input(Msg::AnswerDate)
                        .padding(6)
                        .width(Length::Fixed(150.0)),
                    pick_list(ProposalStatus::ALL, self.answer_status, Msg::AnswerStatus),
                    button(text("Enregistrer la réponse")).on_press(Msg::SaveAnswer),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            ]
            .spacing(8),
        )
    }

    fn import_view(&self) -> Element<'_, Msg> {
        let mut col = column![
            widget::muted(
                "Un fichier CSV (Excel) avec les colonnes numéro ; statut ; avancement ; réponse. \
                 Il est vérifié ligne par ligne ; rien n'est appliqué tant qu'une ligne est fausse."
            ),
            row![
                text_input("Chemin du fichier CSV", &self.import_path)
                    .id("followup-path")
                    .on_input(Msg::ImportPath)
                    .padding(6)
                    .width(Length::Fill),
                widget::small_button("Choisir un fichier…", Msg::ChooseFile),
                widget::small_button("Vérifier le fichier", Msg::Check),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        if let Some(f) = &self.import {
            for l in &f.lines {
                col = col.push(text(fr::typography(&l.summary())).size(13));
            }
            for e in &f.errors {
                col = col.push(widget::colored(fr::typography(e), theme::LATE));
            }
            col = col.push(if f.is_clean() {
                Element::from(
                    button(text(format!("Appliquer les {} ligne(s)", f.lines.len())))
                        .on_press(Msg::Apply),
                )
            } else {
                widget::colored(
                    "Fichier refusé : corrigez les lignes signalées puis vérifiez-le à nouveau.",
                    theme::LATE,
                )
            });
        }
        widget::section("Mettre à jour le suivi depuis un fichier CSV", col)
    }
}
