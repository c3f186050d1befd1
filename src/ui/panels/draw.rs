//! The Tirage au sort panel: for a convention, its volunteer pool, the quotas beside
//! the pool's counts and the panel's, and the recorded draw with its members and
//! reserves (pseudonymous ids and attributes only); the pool and the quotas exported in
//! the files `agora draw` and `sortition-algorithms` read.

use iced::widget::{column, pick_list, row, scrollable, text};
use iced::{Element, Length, Task};

use super::Event;
use crate::export::DrawFile;
use crate::ui::save_dialog::SaveTarget;

use crate::domain::ids::ConventionId;
use crate::domain::sortition::check_composition;
use crate::domain::text as fr;
use crate::store::{ConventionRow, DrawView, Store};
use crate::ui::{theme, widget};

/// A convention in the picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice(ConventionId, String);

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// The panel's state.
pub struct State {
    choices: Vec<Choice>,
    selected: Option<Choice>,
    pool_counts: Vec<(String, String, u32)>,
    draw: Option<DrawView>,
    pools: Vec<crate::domain::sortition::Pool>,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Convention(Choice),
    Export(DrawFile),
    ExportTo(DrawFile, Option<SaveTarget>),
}

impl State {
    /// Opens on the first convention.
    pub fn new(store: &Store) -> State {
        let mut s = State {
            choices: Vec::new(),
            selected: None,
            pool_counts: Vec::new(),
            draw: None,
            pools: Vec::new(),
            error: None,
        };
        s.reload(store);
        s
    }

    /// Reloads the conventions and the selected one's draw.
    pub fn reload(&mut self, store: &Store) {
        self.choices = store
            .conventions()
            .map(|l: Vec<ConventionRow>| l.into_iter().map(|c| Choice(c.id, c.title)).collect())
            .unwrap_or_default();
        let keep = self
            .selected
            .clone()
            .filter(|s| self.choices.contains(s))
            .or(self.choices.first().cloned());
        if let Some(c) = keep {
            self.select(store, c);
        }
    }

    fn select(&mut self, store: &Store, choice: Choice) {
        let id = choice.0;
        self.selected = Some(choice);
        let result = (|| {
            let pools = store.pools(id)?;
            let counts = match pools.first() {
                Some(p) => store.pool_counts(p.id)?,
                None => Vec::new(),
            };
            Ok::<_, crate::store::StoreError>((pools, counts, store.latest_draw(id)?))
        })();
        match result {
            Ok((pools, counts, draw)) => {
                self.pools = pools;
                self.pool_counts = counts;
                self.draw = draw;
                self.error = None;
            }
            Err(e) => self.error = Some(super::describe(&e)),
        }
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Convention(c) => self.select(store, c),
            Message::Export(which) => {
                let name = match which {
                    DrawFile::Pool => "vivier.csv",
                    DrawFile::Quotas => "quotas.csv",
                };
                return (
                    Task::perform(
                        crate::ui::save_dialog::choose(name.into(), "Fichier CSV", "csv"),
                        move |t| Message::ExportTo(which, t),
                    ),
                    None,
                );
            }
            Message::ExportTo(_, None) => {}
            Message::ExportTo(which, Some(target)) => {
                let Some(id) = self.selected.as_ref().map(|c| c.0) else {
                    return (Task::none(), None);
                };
                let document = match which {
                    DrawFile::Pool => "Vivier (CSV)",
                    DrawFile::Quotas => "Quotas (CSV)",
                };
                let result = crate::export::draw_file(store, id, which, &target.path).map(|_| ());
                return (
                    Task::none(),
                    Some(super::exported(result, document, &target)),
                );
            }
        }
        (Task::none(), None)
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            widget::title("Tirage au sort"),
            pick_list(
                self.choices.as_slice(),
                self.selected.clone(),
                Message::Convention
            )
            .placeholder("Choisir une convention"),
        ]
        .spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        let mut pools = column![].spacing(4);
        if self.pools.is_empty() {
            pools = pools.push(widget::muted("Aucun vivier pour cette convention."));
        }
        for p in &self.pools {
            pools = pools.push(widget::field(
                format!("Vivier n° {}", p.id),
                format!(
                    "{} volontaires — {}",
                    fr::integer(p.size.into()),
                    p.source.label()
                ),
            ));
            pools = pools.push(widget::muted(p.description.as_str()));
        }
        if !self.pools.is_empty() {
            pools = pools.push(
                row![
                    widget::small_button(
                        "Exporter le vivier (CSV)",
                        Message::Export(DrawFile::Pool)
                    ),
                    widget::small_button(
                        "Exporter les quotas (CSV)",
                        Message::Export(DrawFile::Quotas)
                    ),
                ]
                .spacing(6),
            );
            pools = pools.push(widget::muted(
                "Au format de sortition-algorithms, pour « agora draw prepare » (voir le README).",
            ));
        }
        let Some(d) = &self.draw else {
            return page
                .push(widget::section("Vivier", pools))
                .push(widget::muted("Aucun tirage enregistré."))
                .into();
        };
        let members: Vec<_> = d.members().collect();
        let checks = check_composition(&d.quotas, &members);
        let mut quotas = column![widget::header_row(&[
            ("Critère : valeur", 3),
            ("Quota", 1),
            ("Vivier", 1),
            ("Panel", 1)
        ])]
        .spacing(3);
        for c in &checks {
            let pool = self
                .pool_counts
                .iter()
                .find(|(k, v, _)| k == &c.quota.criterion && v.eq_ignore_ascii_case(&c.quota.value))
                .map_or(0, |x| x.2);
            quotas = quotas.push(row![
                text(format!("{} : {}", c.quota.criterion, c.quota.value))
                    .width(Length::FillPortion(3)),
                text(format!("{} à {}", c.quota.min, c.quota.max)).width(Length::FillPortion(1)),
                text(pool.to_string()).width(Length::FillPortion(1)),
                text(c.count.to_string())
                    .width(Length::FillPortion(1))
                    .color(if c.met() { theme::OK } else { theme::LATE }),
            ]);
        }
        let met = checks.iter().filter(|c| c.met()).count();
        let info = column![
            widget::field("Date", fr::date_long(d.draw.drawn_on)),
            widget::field("Méthode", d.draw.algorithm.label()),
            widget::field("Graine", fr::quoted(&d.draw.seed)),
            widget::field("Témoins", d.draw.witnesses.as_str()),
            widget::field("Quotas respectés", format!("{met} sur {}", checks.len())),
        ]
        .spacing(6);
        let mut people = column![].spacing(2);
        for s in &d.selected {
            let attrs: Vec<String> = s
                .volunteer
                .attributes
                .iter()
                .map(|(_, v)| v.clone())
                .collect();
            people = people.push(
                text(format!(
                    "{} {} — {} — {}",
                    s.role.label(),
                    s.rank,
                    s.volunteer.pseudonym,
                    attrs.join(" · ")
                ))
                .size(14),
            );
        }
        page.push(
            scrollable(
                column![
                    row![
                        widget::section("Vivier", pools),
                        widget::section(format!("Tirage n° {}", d.draw.id), info)
                    ]
                    .spacing(12),
                    widget::section("Quotas : vivier et panel tiré", quotas),
                    widget::section(
                        format!(
                            "Panel tiré ({} membres, {} remplaçant·e·s)",
                            members.len(),
                            d.reserves().count()
                        ),
                        people
                    ),
                ]
                .spacing(12)
                .padding(widget::GUTTER),
            )
            .height(Length::Fill),
        )
        .into()
    }
}
