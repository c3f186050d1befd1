//! Veille: the notebook of practices and initiatives — searched in full text (accents
//! ignored, words by their start) and by tag, each note read with its text laid out
//! (headings, lists, paragraphs), written or changed in a form, and the notes shown
//! exported as a note de veille (PDF or ODT).

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text, text_editor, text_input};
use iced::{Alignment, Element, Length, Task};

use crate::domain::attachment::Owner;
use crate::domain::codes::Place;
use crate::domain::contact::parse_tags;
use crate::domain::ids::DispositifId;
use crate::domain::parse;
use crate::domain::text as fr;
use crate::domain::veille::Note;
use crate::export::Document;
use crate::import::veille::{Bulk, MARKDOWN, bookmarks, markdown};
use crate::store::{ContactRow, Store, StoreError, VeilleLink};
use crate::ui::attachments::{self, Files};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, describe, outcome};
use crate::ui::{theme, widget};

/// A text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Publication,
    Url,
    ReadOn,
    Tags,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Search(String),
    Tag(Choice<Option<String>>),
    Select(i64),
    New,
    Edit(i64),
    Remove(i64),
    Field(Field, String),
    Place(Place),
    Body(text_editor::Action),
    Save,
    Cancel,
    Export(bool),
    ImportPath(String),
    CheckImport,
    Import,
    LinkSearch(String),
    Link(VeilleLink),
    Unlink(VeilleLink),
    LinkDispositif(Choice<DispositifId>),
    Files(attachments::Msg),
}

/// A note as typed.
#[derive(Debug)]
struct Form {
    id: i64,
    title: String,
    publication: String,
    url: String,
    read_on: String,
    place: Place,
    tags: String,
    body: text_editor::Content,
}

/// The search, the notes it finds, the note read, the form when open.
#[derive(Debug)]
pub struct State {
    search: String,
    tag: Option<String>,
    tags: Vec<Choice<Option<String>>>,
    notes: Result<Vec<Note>, String>,
    reading: Option<i64>,
    form: Option<Form>,
    today: NaiveDate,
    import_path: String,
    /// A file or folder read and checked, waiting to be imported.
    import: Option<Bulk>,
    /// The links of the note read, and what may be linked to it.
    links: Vec<(VeilleLink, String)>,
    link_search: String,
    link_found: Vec<ContactRow>,
    dispositifs: Vec<Choice<DispositifId>>,
    /// The files of the note read.
    files: Option<Files>,
}

impl State {
    pub fn new(store: &Store, today: NaiveDate) -> State {
        let mut s = State {
            search: String::new(),
            tag: None,
            tags: Vec::new(),
            notes: Ok(Vec::new()),
            reading: None,
            form: None,
            today,
            import_path: String::new(),
            import: None,
            links: Vec::new(),
            link_search: String::new(),
            link_found: Vec::new(),
            dispositifs: Vec::new(),
            files: None,
        };
        s.reload(store);
        s
    }

    pub fn reload(&mut self, store: &Store) {
        self.notes = store
            .veille(&self.search, self.tag.as_deref())
            .map_err(|e| describe(&e));
        let mut tags = vec![Choice::new(None, "Toutes les étiquettes")];
        tags.extend(
            store
                .veille_tags()
                .unwrap_or_default()
                .into_iter()
                .map(|t| Choice::new(Some(t.clone()), t)),
        );
        self.tags = tags;
        self.links = match self.reading {
            Some(id) => store.veille_links(id).unwrap_or_default(),
            None => Vec::new(),
        };
        if let Some(f) = &mut self.files {
            f.reload(store);
        }
        self.dispositifs = store
            .dispositifs(&Default::default(), self.today)
            .unwrap_or_default()
            .into_iter()
            .map(|l| Choice::new(l.dispositif.id, l.dispositif.title))
            .collect();
    }

    /// The files of the note read (where a file dropped on the window goes).
    pub fn files_mut(&mut self) -> Option<&mut Files> {
        self.files.as_mut()
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        if let Msg::Files(m) = msg {
            return match &mut self.files {
                Some(f) => {
                    let (task, event) = f.update(m, store);
                    (task.map(Msg::Files), event)
                }
                None => (Task::none(), None),
            };
        }
        if let Msg::Export(editable) = msg {
            let document = Document::Veille {
                search: self.search.clone(),
                tag: self.tag.clone(),
            };
            return (Task::none(), Some(Event::export(document, editable)));
        }
        (Task::none(), outcome(self.apply(msg, store)))
    }

    fn apply(&mut self, msg: Msg, store: &mut Store) -> Result<Option<String>, StoreError> {
        match msg {
            Msg::Search(s) => {
                self.search = s;
                self.reload(store);
            }
            Msg::Tag(t) => {
                self.tag = t.value;
                self.reload(store);
            }
            Msg::Select(id) => {
                self.reading = Some(id);
                self.links = store.veille_links(id)?;
                self.files = Some(Files::new(store, Owner::VeilleNote(id)));
            }
            Msg::Files(_) => {}
            Msg::LinkSearch(t) => {
                self.link_found = crate::ui::choice::contacts_found(store, &t)?;
                self.link_search = t;
            }
            Msg::Link(link) => self.set_link(store, link, true)?,
            Msg::Unlink(link) => self.set_link(store, link, false)?,
            Msg::LinkDispositif(c) => {
                self.set_link(store, VeilleLink::Dispositif(c.value), true)?
            }
            Msg::New => {
                self.form = Some(Form {
                    id: 0,
                    title: String::new(),
                    publication: String::new(),
                    url: String::new(),
                    read_on: fr::date_short(self.today),
                    place: Place::France,
                    tags: self.tag.clone().unwrap_or_default(),
                    body: text_editor::Content::new(),
                })
            }
            Msg::Edit(id) => {
                let n = store.veille_note(id)?;
                self.form = Some(Form {
                    id: n.id,
                    title: n.title,
                    publication: n.publication,
                    url: n.source_url,
                    read_on: n.read_on.map(fr::date_short).unwrap_or_default(),
                    place: n.place,
                    tags: n.tags.join(", "),
                    body: text_editor::Content::with_text(&n.body),
                });
            }
            Msg::Remove(id) => {
                let keep = self.files.as_ref().is_none_or(Files::keep_on_delete);
                store
                    .delete_with_files(Owner::VeilleNote(id), keep, |s| s.remove_veille_note(id))?;
                self.reading = None;
                self.files = None;
                return Ok(Some("Note de veille supprimée.".into()));
            }
            Msg::Field(f, v) => {
                if let Some(form) = &mut self.form {
                    *match f {
                        Field::Title => &mut form.title,
                        Field::Publication => &mut form.publication,
                        Field::Url => &mut form.url,
                        Field::ReadOn => &mut form.read_on,
                        Field::Tags => &mut form.tags,
                    } = v;
                }
            }
            Msg::Place(p) => {
                if let Some(form) = &mut self.form {
                    form.place = p;
                }
            }
            Msg::Body(a) => {
                if let Some(form) = &mut self.form {
                    form.body.perform(a);
                }
            }
            Msg::Cancel => self.form = None,
            Msg::Save => {
                let Some(f) = &self.form else { return Ok(None) };
                let note = Note {
                    id: f.id,
                    title: f.title.trim().to_string(),
                    body: f.body.text().trim().to_string(),
                    source_url: f.url.trim().to_string(),
                    publication: f.publication.trim().to_string(),
                    read_on: parse::opt_date(&f.read_on)?,
                    place: f.place,
                    tags: parse_tags(&f.tags),
                };
                let id = store.save_veille_note(&note)?;
                self.form = None;
                self.reading = Some(id);
                return Ok(Some(format!("Note « {} » enregistrée.", note.title)));
            }
            Msg::Export(_) => {}
            Msg::ImportPath(p) => {
                self.import_path = p;
                self.import = None;
            }
            Msg::CheckImport => {
                self.import = Some(
                    match crate::files::read_named_file_or_folder(&self.import_path, &MARKDOWN) {
                        Ok(crate::files::Named::File(bytes)) => bookmarks(&bytes, self.today),
                        Ok(crate::files::Named::Folder(files)) => markdown(&files, self.today),
                        Err(why) => Bulk {
                            notes: Vec::new(),
                            errors: vec![why],
                        },
                    },
                );
            }
            Msg::Import => {
                let Some(bulk) = &self.import else {
                    return Ok(None);
                };
                let n = store.import_veille(bulk)?;
                self.import = None;
                self.import_path.clear();
                return Ok(Some(format!("{n} note(s) de veille importées.")));
            }
        }
        Ok(None)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let notes = match &self.notes {
            Ok(n) => n,
            Err(e) => return widget::colored(e.as_str(), theme::LATE),
        };
        let bar = row![
            text_input("Chercher dans la veille (accents ignorés)…", &self.search)
                .id("veille-search")
                .on_input(Msg::Search)
                .padding(6)
                .width(Length::Fill),
            pick_list(
                self.tags.as_slice(),
                selected(&self.tags, &self.tag),
                Msg::Tag
            )
            .width(Length::Fixed(240.0)),
            button(text("Nouvelle note")).on_press(Msg::New),
            widget::small_button("Note de veille (PDF)", Msg::Export(false)),
            widget::small_button("ODT", Msg::Export(true)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut page = column![bar, self.import_view()].spacing(10);
        if let Some(f) = &self.form {
            page = page.push(widget::section(
                if f.id == 0 {
                    "Nouvelle note de veille"
                } else {
                    "Modifier la note"
                },
                self.form_view(f),
            ));
        }
        let mut list = column![widget::muted(format!("{} note(s)", notes.len()))].spacing(2);
        for n in notes {
            let facts = [
                n.read_on.map(fr::date_short).unwrap_or_default(),
                n.publication.clone(),
                n.place.label().to_string(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            list = list.push(widget::entry(
                column![
                    text(n.title.as_str()).font(widget::bold()),
                    text(fr::typography(&facts)).size(13).color(theme::MUTED),
                ],
                self.reading == Some(n.id),
                Msg::Select(n.id),
            ));
        }
        let reader: Element<'_, Msg> = match notes.iter().find(|n| Some(n.id) == self.reading) {
            Some(n) => column![reader(n)]
                .push(
                    self.files
                        .as_ref()
                        .and_then(Files::deletion_choice)
                        .map(|e| e.map(Msg::Files)),
                )
                .push(self.links_view())
                .push(self.files.as_ref().map(|f| f.view().map(Msg::Files)))
                .spacing(10)
                .into(),
            None => widget::muted("Choisissez une note pour la lire."),
        };
        page.push(
            row![
                list.width(Length::FillPortion(2)),
                iced::widget::container(widget::section("Lecture", reader))
                    .width(Length::FillPortion(3))
            ]
            .spacing(12),
        )
        .into()
    }

    /// Notes brought in bulk: a CSV of bookmarks or a folder of Markdown files.
    fn import_view(&self) -> Element<'_, Msg> {
        let mut col = column![
            row![
                text_input(
                    "Importer : un CSV de signets (titre ; url ; date ; étiquettes) ou un dossier de fichiers Markdown",
                    &self.import_path
                )
                .id("veille-import-path")
                .on_input(Msg::ImportPath)
                .padding(6)
                .width(Length::Fill),
                widget::small_button("Vérifier", Msg::CheckImport),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        ]
        .spacing(4);
        if let Some(b) = &self.import {
            for e in b.errors.iter().take(20) {
                col = col.push(widget::colored(fr::typography(e), theme::LATE));
            }
            col = col.push(if b.is_clean() {
                Element::from(
                    button(text(format!("Importer les {} note(s)", b.notes.len())))
                        .on_press(Msg::Import),
                )
            } else {
                widget::colored(
                    "Import refusé : corrigez ce qui est signalé puis vérifiez à nouveau. Rien n’a été importé.",
                    theme::LATE,
                )
            });
        }
        col.into()
    }

    fn form_view<'a>(&'a self, f: &'a Form) -> Element<'a, Msg> {
        let input = |label: &'a str, value: &'a str, field: Field, id: &'static str| {
            column![
                text(label).size(13).color(theme::MUTED),
                text_input("", value)
                    .id(id)
                    .on_input(move |v| Msg::Field(field, v))
                    .padding(6),
            ]
            .spacing(2)
            .width(Length::Fill)
        };
        column![
            row![
                input("Titre", &f.title, Field::Title, "veille-title"),
                input("Lu le", &f.read_on, Field::ReadOn, "veille-read-on"),
            ]
            .spacing(8),
            row![
                input(
                    "Source (publication)",
                    &f.publication,
                    Field::Publication,
                    "veille-publication"
                ),
                input(
                    "Adresse (texte seulement)",
                    &f.url,
                    Field::Url,
                    "veille-url"
                ),
            ]
            .spacing(8),
            row![
                input(
                    "Étiquettes (séparées par des virgules)",
                    &f.tags,
                    Field::Tags,
                    "veille-tags"
                ),
                column![
                    text("Où").size(13).color(theme::MUTED),
                    pick_list(Place::ALL, Some(f.place), Msg::Place),
                ]
                .spacing(2),
            ]
            .spacing(8),
            text("Texte : un paragraphe par ligne vide, « # » pour un titre, « - » pour une liste")
                .size(13)
                .color(theme::MUTED),
            text_editor(&f.body)
                .on_action(Msg::Body)
                .height(Length::Fixed(140.0)),
            row![
                button(text("Enregistrer la note")).on_press(Msg::Save),
                widget::small_button("Annuler", Msg::Cancel),
            ]
            .spacing(8),
        ]
        .spacing(8)
        .into()
    }
}

impl State {
    /// Links or unlinks the note read.
    fn set_link(
        &mut self,
        store: &mut Store,
        link: VeilleLink,
        on: bool,
    ) -> Result<(), StoreError> {
        let Some(id) = self.reading else {
            return Ok(());
        };
        store.set_veille_link(id, link, on)?;
        self.link_search.clear();
        self.link_found.clear();
        self.links = store.veille_links(id)?;
        Ok(())
    }

    /// « Qui a fait ça ? »: the contacts and dispositifs linked to the note read.
    fn links_view(&self) -> Element<'_, Msg> {
        let mut col =
            column![text("Qui a fait ça ? Dispositifs liés").font(widget::bold())].spacing(4);
        if self.links.is_empty() {
            col = col.push(widget::muted("Aucun contact ni dispositif lié."));
        }
        for (link, name) in &self.links {
            let what = match link {
                VeilleLink::Contact(_) => "Contact",
                VeilleLink::Dispositif(_) => "Dispositif",
            };
            col = col.push(
                row![
                    text(fr::typography(&format!("{what} : {name}"))).width(Length::Fill),
                    widget::small_button("Retirer", Msg::Unlink(*link)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        col = col.push(
            text_input("Lier un contact (nom dans l’annuaire)…", &self.link_search)
                .id("veille-link-search")
                .on_input(Msg::LinkSearch)
                .padding(6),
        );
        for c in &self.link_found {
            col = col.push(
                row![
                    text(c.name.as_str()).width(Length::Fill),
                    widget::small_button("Lier", Msg::Link(VeilleLink::Contact(c.id))),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        col.push(
            pick_list(
                self.dispositifs.as_slice(),
                None::<Choice<DispositifId>>,
                Msg::LinkDispositif,
            )
            .placeholder("Lier un dispositif…"),
        )
        .into()
    }
}

/// A note laid out to be read: its facts, then its text as headings, lists and
/// paragraphs.
fn reader(n: &Note) -> Element<'_, Msg> {
    let mut col = column![text(fr::typography(&n.title)).size(18).font(widget::bold())].spacing(6);
    for (label, value) in [
        ("Source", n.publication.clone()),
        ("Adresse", n.source_url.clone()),
        ("Lu le", n.read_on.map(fr::date_long).unwrap_or_default()),
        ("Où", n.place.label().to_string()),
        ("Étiquettes", n.tags.join(", ")),
    ] {
        if !value.is_empty() {
            col = col.push(widget::field(label, fr::typography(&value)));
        }
    }
    for para in n
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        col = col.push(if let Some(h) = para.strip_prefix('#') {
            Element::from(
                text(fr::typography(h.trim_start_matches('#').trim())).font(widget::bold()),
            )
        } else if para.lines().all(|l| l.trim_start().starts_with("- ")) {
            column(para.lines().map(|l| {
                text(fr::typography(&format!(
                    "• {}",
                    l.trim_start().trim_start_matches("- ")
                )))
                .into()
            }))
            .spacing(2)
            .into()
        } else {
            text(fr::typography(&para.replace('\n', " "))).into()
        });
    }
    col.push(
        row![
            widget::small_button("Modifier", Msg::Edit(n.id)),
            widget::small_button("Supprimer", Msg::Remove(n.id)),
        ]
        .spacing(6),
    )
    .into()
}
