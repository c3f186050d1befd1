//! The Contacts & mobilisation panel: the directory, searched, filtered, sorted and
//! read page by page from the store, with what acts on its current search (a group,
//! a saved selection, the CSV and vCard exports); the open contact's sheet beside it
//! (`sheet`); and three screens in its place: the CSV import, the campaigns and the
//! probable duplicates.

mod sheet;

pub use sheet::Msg as SheetMsg;

use iced::widget::{button, column, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use super::Event;
use crate::domain::codes::{ConsentScope, ContactKind};
use crate::domain::ids::ContactId;
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{ContactFilter, ContactRow, Store};
use crate::ui::{theme, widget};

const PAGE: u32 = 50;

/// The kind filter's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(Option<ContactKind>);

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or("Tous les types", ContactKind::label))
    }
}

/// The panel's state.
pub struct State {
    filter: ContactFilter,
    page: u32,
    total: u32,
    rows: Vec<ContactRow>,
    /// The open contact's sheet, beside the list.
    sheet: sheet::State,
    kinds: Vec<KindChoice>,
    selection_name: String,
    import: Option<super::contacts_import::Import>,
    /// The Campagnes screen, when shown instead of the directory.
    campaigns: Option<super::campaigns::Campaigns>,
    /// The Doublons screen, when shown instead of the directory.
    duplicates: Option<super::duplicates::Duplicates>,
    /// Every tag with how many contacts carry it, for the filter.
    tags: Vec<(String, u32)>,
    groups: Vec<crate::store::GroupRow>,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    /// A change to the search, a filter or the sort: back to the first page.
    Filter(Filter),
    MakeGroup,
    AddToGroup(crate::ui::choice::Choice<i64>),
    ExportList(bool),
    Page(u32),
    Select(ContactId),
    SelectionName(String),
    SaveSelection,
    Sheet(sheet::Msg),
    OpenImport,
    Import(super::contacts_import::Msg),
    ShowCampaigns(bool),
    Campaigns(super::campaigns::Msg),
    ShowDuplicates,
    Duplicates(super::duplicates::Msg),
}

/// What narrows or orders the directory.
#[derive(Debug, Clone)]
pub enum Filter {
    Search(String),
    Kind(KindChoice),
    Sector(crate::ui::choice::Choice<Option<crate::domain::codes::Sector>>),
    ReviewDue(bool),
    Group(crate::ui::choice::Choice<Option<i64>>),
    Consent(crate::ui::choice::Choice<Option<ConsentScope>>),
    Tag(crate::ui::choice::Choice<Option<String>>),
    /// Sorts by this column, or the other way round if it already does.
    Sort(crate::store::SortColumn),
}

impl State {
    /// The first page of the directory.
    pub fn new(store: &Store) -> State {
        let mut kinds = vec![KindChoice(None)];
        kinds.extend(ContactKind::ALL.iter().map(|k| KindChoice(Some(*k))));
        let mut s = State {
            filter: ContactFilter::default(),
            page: 0,
            total: 0,
            rows: Vec::new(),
            sheet: sheet::State::default(),
            kinds,
            selection_name: String::new(),
            import: None,
            campaigns: None,
            duplicates: None,
            tags: Vec::new(),
            groups: Vec::new(),
            error: None,
        };
        s.reload(store);
        s
    }

    /// Re-runs the query for the current page and filter.
    pub fn reload(&mut self, store: &Store) {
        if let Ok(groups) = store.groups() {
            self.groups = groups;
        }
        if let Ok(tags) = store.tags() {
            self.tags = tags;
        }
        let result = store.contacts_count(&self.filter).and_then(|total| {
            Ok((
                total,
                store.contacts_page(&self.filter, self.page * PAGE, PAGE)?,
            ))
        });
        match result {
            Ok((total, rows)) => {
                self.total = total;
                self.rows = rows;
                self.error = None;
            }
            Err(e) => self.error = Some(super::describe(&e)),
        }
        if let Some(id) = self.sheet.id() {
            self.open(store, id);
        }
    }

    /// The files of the contact on screen (where a file dropped on the window goes).
    pub fn files_mut(&mut self) -> Option<&mut crate::ui::attachments::Files> {
        if self.import.is_some() || self.campaigns.is_some() || self.duplicates.is_some() {
            return None;
        }
        self.sheet.files_mut()
    }

    /// Brings the directory forward with one contact's sheet (from another panel).
    pub fn show(&mut self, store: &Store, id: ContactId) {
        self.campaigns = None;
        self.duplicates = None;
        self.import = None;
        self.open(store, id);
    }

    /// Shows one contact's sheet.
    pub fn open(&mut self, store: &Store, id: ContactId) {
        if let Err(e) = self.sheet.open(store, id) {
            self.error = Some(super::describe(&e));
        }
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
        today: chrono::NaiveDate,
    ) -> (Task<Message>, Option<Event>) {
        let written = match message {
            Message::MakeGroup | Message::AddToGroup(_) => {
                let ids: Result<Vec<ContactId>, _> = store
                    .contacts_page(&self.filter, 0, u32::MAX)
                    .map(|rows| rows.into_iter().map(|r| r.id).collect());
                Some(ids.and_then(|ids| {
                    match message {
                        Message::AddToGroup(g) => store.add_to_group(g.value, &ids).map(|n| {
                            format!("{n} contact(s) ajouté(s) au groupe « {} ».", g.label)
                        }),
                        _ => store.create_group(&self.selection_name, &ids).map(|_| {
                            let name = std::mem::take(&mut self.selection_name);
                            format!(
                                "Groupe « {} » créé avec les {} contact(s) trouvés.",
                                name.trim(),
                                ids.len()
                            )
                        }),
                    }
                }))
            }
            Message::ExportList(vcard) => {
                let filter = self.filter.clone();
                let document = if vcard {
                    Document::VCards(filter)
                } else {
                    Document::Contacts(filter)
                };
                return (Task::none(), Some(Event::Export(document)));
            }
            Message::Filter(change) => {
                self.narrow(change, today);
                self.page = 0;
                self.reload(store);
                None
            }
            Message::Sheet(m) => {
                let (task, event) = self.sheet.update(m, store, today);
                return (task.map(Message::Sheet), event);
            }
            Message::ShowCampaigns(false) => {
                self.campaigns = None;
                self.duplicates = None;
                None
            }
            Message::ShowCampaigns(true) => match super::campaigns::Campaigns::load(store, None) {
                Ok(c) => {
                    self.campaigns = Some(c);
                    self.duplicates = None;
                    None
                }
                Err(e) => Some(Err(e)),
            },
            Message::ShowDuplicates => {
                self.duplicates = Some(super::duplicates::Duplicates::load(store));
                self.campaigns = None;
                None
            }
            Message::Duplicates(m) => {
                let Some(d) = self.duplicates.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = d.update(m, store);
                return (task.map(Message::Duplicates), event);
            }
            Message::Campaigns(m) => {
                let Some(c) = self.campaigns.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = c.update(m, store, &self.filter, today);
                return (task.map(Message::Campaigns), event);
            }
            Message::OpenImport => {
                self.import = Some(super::contacts_import::Import::default());
                None
            }
            Message::Import(m) => {
                let Some(import) = self.import.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = import.update(m, store);
                if import.finished() {
                    self.import = None;
                }
                return (task.map(Message::Import), event);
            }
            other => return (Task::none(), self.update_list(other, store)),
        };
        // The app reloads every panel on Saved, this sheet included.
        (Task::none(), super::outcome(written.transpose()))
    }

    fn narrow(&mut self, change: Filter, today: chrono::NaiveDate) {
        let filter = &mut self.filter;
        match change {
            Filter::Search(s) => filter.search = s,
            Filter::Kind(k) => filter.kind = k.0,
            Filter::Sector(c) => filter.sector = c.value,
            Filter::ReviewDue(on) => filter.review_due = on.then_some(today),
            Filter::Group(c) => filter.group = c.value,
            Filter::Consent(c) => filter.consent = c.value,
            Filter::Tag(c) => filter.tag = c.value,
            Filter::Sort(column) => {
                filter.sort.descending = filter.sort.column == column && !filter.sort.descending;
                filter.sort.column = column;
            }
        }
    }

    fn update_list(&mut self, message: Message, store: &mut Store) -> Option<Event> {
        match message {
            Message::Page(p) => {
                self.page = p;
                self.reload(store);
            }
            Message::Select(id) => self.open(store, id),
            Message::SelectionName(s) => self.selection_name = s,
            Message::SaveSelection => {
                return Some(
                    match store.save_selection(&self.selection_name, &self.filter) {
                        Ok(_) => {
                            let name = std::mem::take(&mut self.selection_name);
                            Event::Saved(format!(
                                "Sélection « {} » enregistrée : elle se recalcule à chaque usage (invitations aux réunions).",
                                name.trim()
                            ))
                        }
                        Err(e) => Event::Notice(super::describe(&e)),
                    },
                );
            }
            _ => {}
        }
        None
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        if let Some(import) = &self.import {
            return super::contacts_import::screen(import).map(Message::Import);
        }
        if let Some(d) = &self.duplicates {
            return column![self.switch(), d.view().map(Message::Duplicates)]
                .spacing(10)
                .into();
        }
        if let Some(c) = &self.campaigns {
            let campaigns = super::campaigns::screen(c).map(Message::Campaigns);
            return column![self.switch(), campaigns].spacing(10).into();
        }
        let left = column![
            row![
                text("Contacts & mobilisation")
                    .size(24)
                    .font(widget::bold())
                    .color(theme::ACCENT)
                    .width(Length::Fill),
                button(text("Importer un fichier CSV")).on_press(Message::OpenImport),
            ]
            .align_y(iced::Alignment::Center),
            self.search_bar(),
            self.filters(),
            self.grouping(),
            self.pager(),
            sort_bar(self.filter.sort),
            scrollable(self.list()).height(Length::Fill)
        ]
        .spacing(10)
        .width(Length::FillPortion(5));
        let right: Element<'_, Message> = scrollable(self.sheet.view().map(Message::Sheet))
            .height(Length::Fill)
            .into();
        let mut page = column![self.switch()].spacing(8);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        page.push(row![left, column![right].width(Length::FillPortion(4))].spacing(20))
            .into()
    }

    /// Annuaire, Campagnes, Doublons.
    fn switch(&self) -> Element<'_, Message> {
        let tab = |label, on: bool, message| {
            button(text(label).size(14))
                .padding([6, 12])
                .style(theme::entry(on))
                .on_press(message)
        };
        row![
            tab(
                "Annuaire",
                self.campaigns.is_none() && self.duplicates.is_none(),
                Message::ShowCampaigns(false)
            ),
            tab(
                "Campagnes",
                self.campaigns.is_some(),
                Message::ShowCampaigns(true)
            ),
            tab(
                "Doublons",
                self.duplicates.is_some(),
                Message::ShowDuplicates
            ),
        ]
        .spacing(4)
        .into()
    }

    fn search_bar(&self) -> Element<'_, Message> {
        row![
            text_input(
                "Rechercher (nom, structure, courriel…)",
                &self.filter.search
            )
            .id("contacts-search")
            .on_input(|s| Message::Filter(Filter::Search(s)))
            .padding(8)
            .width(Length::Fill),
            iced::widget::checkbox(self.filter.review_due.is_some())
                .label("À réexaminer")
                .text_size(13)
                .on_toggle(|on| Message::Filter(Filter::ReviewDue(on))),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center)
        .into()
    }

    /// Type, sector, tag, group and consent.
    fn filters(&self) -> Element<'_, Message> {
        use crate::ui::choice::{Choice as C, selected};
        let sectors: Vec<C<Option<crate::domain::codes::Sector>>> =
            std::iter::once(C::new(None, "Tous les secteurs"))
                .chain(
                    crate::domain::codes::Sector::ALL
                        .iter()
                        .map(|s| C::new(Some(*s), s.label())),
                )
                .collect();
        let chosen = selected(&sectors, &self.filter.sector);
        let groups: Vec<C<Option<i64>>> = std::iter::once(C::new(None, "Tous les groupes"))
            .chain(
                self.groups
                    .iter()
                    .filter(|g| !g.saved_selection)
                    .map(|g| C::new(Some(g.id), g.name.clone())),
            )
            .collect();
        let chosen_group = selected(&groups, &self.filter.group);
        let consents: Vec<C<Option<ConsentScope>>> =
            std::iter::once(C::new(None, "Accords : tous"))
                .chain(
                    ConsentScope::ALL
                        .iter()
                        .map(|k| C::new(Some(*k), format!("Accord : {}", k.label()))),
                )
                .collect();
        let chosen_consent = selected(&consents, &self.filter.consent);
        let tags: Vec<C<Option<String>>> = std::iter::once(C::new(None, "Toutes les étiquettes"))
            .chain(
                self.tags
                    .iter()
                    .map(|(t, n)| C::new(Some(t.clone()), format!("{t} ({n})"))),
            )
            .collect();
        let chosen_tag = selected(&tags, &self.filter.tag);
        column![
            row![
                pick_list(
                    self.kinds.as_slice(),
                    Some(KindChoice(self.filter.kind)),
                    |k| Message::Filter(Filter::Kind(k))
                )
                .text_size(13)
                .width(Length::FillPortion(1)),
                pick_list(sectors, chosen, |c| Message::Filter(Filter::Sector(c)))
                    .text_size(13)
                    .width(Length::FillPortion(1)),
                pick_list(tags, chosen_tag, |c| Message::Filter(Filter::Tag(c)))
                    .text_size(13)
                    .width(Length::FillPortion(1)),
            ]
            .spacing(8),
            row![
                pick_list(groups, chosen_group, |c| Message::Filter(Filter::Group(c)))
                    .text_size(13)
                    .width(Length::FillPortion(1)),
                pick_list(consents, chosen_consent, |c| Message::Filter(
                    Filter::Consent(c)
                ))
                .text_size(13)
                .width(Length::FillPortion(1)),
            ]
            .spacing(8),
        ]
        .spacing(8)
        .into()
    }

    /// Save the search as a selection, make a group of it, add it to a group.
    fn grouping(&self) -> Element<'_, Message> {
        let filtered = !self.filter.search.trim().is_empty()
            || self.filter.kind.is_some()
            || self.filter.sector.is_some()
            || self.filter.tag.is_some();
        let save = row![
            text_input("Nom de la sélection", &self.selection_name)
                .id("selection-name")
                .on_input(Message::SelectionName)
                .padding(6)
                .width(Length::Fill),
            button(text("Enregistrer la sélection"))
                .style(button::secondary)
                .on_press_maybe(filtered.then_some(Message::SaveSelection)),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        let fixed: Vec<crate::ui::choice::Choice<i64>> = self
            .groups
            .iter()
            .filter(|g| !g.saved_selection)
            .map(|g| crate::ui::choice::Choice::new(g.id, g.name.clone()))
            .collect();
        let mut group_row = row![
            button(text("Créer un groupe avec ces contacts"))
                .style(button::secondary)
                .on_press_maybe(
                    (!self.selection_name.trim().is_empty()).then_some(Message::MakeGroup),
                ),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        if !fixed.is_empty() {
            group_row = group_row.push(
                pick_list(
                    fixed,
                    None::<crate::ui::choice::Choice<i64>>,
                    Message::AddToGroup,
                )
                .placeholder("Ajouter au groupe…")
                .text_size(13),
            );
        }
        column![save, group_row].spacing(10).into()
    }

    /// The count, the pages and the exports of the list.
    fn pager(&self) -> Element<'_, Message> {
        let pages = self.total.div_ceil(PAGE).max(1);
        let mut pager = row![widget::muted(format!(
            "{} contact{} · page {} / {pages}",
            fr::integer(self.total.into()),
            if self.total > 1 { "s" } else { "" },
            self.page + 1
        ))]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        if self.page > 0 {
            pager = pager.push(
                button(text("Précédent"))
                    .style(button::secondary)
                    .on_press(Message::Page(self.page - 1)),
            );
        }
        if self.page + 1 < pages {
            pager = pager.push(
                button(text("Suivant"))
                    .style(button::secondary)
                    .on_press(Message::Page(self.page + 1)),
            );
        }
        pager
            .push(widget::small_button(
                "Exporter (CSV)",
                Message::ExportList(false),
            ))
            .push(widget::small_button(
                "Exporter (vCard)",
                Message::ExportList(true),
            ))
            .into()
    }

    fn list(&self) -> Element<'_, Message> {
        let mut list = column![].spacing(2);
        for c in &self.rows {
            let details: Vec<&str> = [
                c.kind.label(),
                c.sector.map_or("", |s| s.label()),
                &c.organisation,
                &c.email,
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            list = list.push(widget::entry(
                column![text(c.name.as_str()), text(details.join(" · ")).size(13)],
                self.sheet.id() == Some(c.id),
                Message::Select(c.id),
            ));
        }
        if self.rows.is_empty() {
            list = list.push(widget::muted("Aucun contact ne correspond."));
        }
        list.into()
    }
}

/// The columns the list can be sorted by; the current one shows its direction.
fn sort_bar<'a>(sort: crate::store::ContactSort) -> Element<'a, Message> {
    use crate::store::SortColumn as S;
    let mut bar = row![widget::muted(tf!("Trier par :"))]
        .spacing(4)
        .align_y(iced::Alignment::Center);
    for (column, label) in [
        (S::Name, "Nom"),
        (S::Organisation, "Structure"),
        (S::Kind, "Type"),
        (S::Sector, "Secteur"),
        (S::Email, "Courriel"),
    ] {
        let current = sort.column == column;
        let label = match (current, sort.descending) {
            (true, false) => format!("{label} ▲"),
            (true, true) => format!("{label} ▼"),
            (false, _) => label.to_string(),
        };
        bar = bar.push(
            button(text(label).size(13))
                .padding([3, 8])
                .style(theme::entry(current))
                .on_press(Message::Filter(Filter::Sort(column))),
        );
    }
    bar.into()
}
