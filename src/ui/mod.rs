//! The iced window. `app` owns navigation, the store handle and the subscriptions;
//! each panel in `panels/` owns its State, Message, update and view; `widget` holds the
//! shared pieces and `theme` the colours.

pub mod app;
pub mod attachments;
pub mod choice;
mod diff;
pub mod experience;
pub mod panels;
pub mod save_dialog;
mod theme;
mod widget;

use std::path::PathBuf;

use iced::{Font, Size, window};

pub use app::{App, Message};

use crate::assets;

/// The panels of the sidebar, in order (Ctrl+1 … Ctrl+9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Dashboard,
    Conventions,
    Contacts,
    Draw,
    Meetings,
    Documents,
    Memory,
    Dispositifs,
    Settings,
}

impl Panel {
    /// Every panel, in sidebar order.
    pub const ALL: [Panel; 9] = [
        Panel::Dashboard,
        Panel::Conventions,
        Panel::Contacts,
        Panel::Draw,
        Panel::Meetings,
        Panel::Documents,
        Panel::Memory,
        Panel::Dispositifs,
        Panel::Settings,
    ];

    /// The sidebar label.
    pub fn label(self) -> &'static str {
        match self {
            Panel::Dashboard => "Tableau de bord",
            Panel::Conventions => "Conventions",
            Panel::Contacts => "Contacts & mobilisation",
            Panel::Draw => "Tirage au sort",
            Panel::Meetings => "Réunions",
            Panel::Documents => "Documents",
            Panel::Memory => "Mémoire",
            Panel::Dispositifs => "Dispositifs",
            Panel::Settings => "Paramètres",
        }
    }

    /// The name used by `agora --open`.
    pub fn slug(self) -> &'static str {
        match self {
            Panel::Dashboard => "tableau-de-bord",
            Panel::Conventions => "conventions",
            Panel::Contacts => "contacts",
            Panel::Draw => "tirage",
            Panel::Meetings => "reunions",
            Panel::Documents => "documents",
            Panel::Memory => "memoire",
            Panel::Dispositifs => "dispositifs",
            Panel::Settings => "parametres",
        }
    }

    /// Reads `--open PANEL` (French slug, or the English module name).
    pub fn from_slug(s: &str) -> Option<Panel> {
        let s = s.to_lowercase();
        Panel::ALL.into_iter().find(|p| {
            p.slug() == s
                || matches!(
                    (p, s.as_str()),
                    (Panel::Dashboard, "dashboard")
                        | (Panel::Draw, "draw")
                        | (Panel::Meetings, "meetings")
                        | (Panel::Memory, "memory")
                        | (Panel::Settings, "settings")
                )
        })
    }
}

/// The font family name the window uses by default.
pub fn default_font() -> Font {
    Font::with_name(assets::FONT_FAMILY)
}

/// Opens the window on the store at `db`.
pub fn run(db: PathBuf, panel: Option<Panel>) -> iced::Result {
    let icon = window::icon::from_file_data(assets::ICON_PNG, None).ok();
    iced::application(move || App::boot(&db, panel), App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .theme(iced::Theme::Light)
        .font(assets::FONT_REGULAR)
        .font(assets::FONT_BOLD)
        .font(assets::FONT_ITALIC)
        .default_font(default_font())
        .exit_on_close_request(false)
        .window(window::Settings {
            size: Size::new(1360.0, 820.0),
            min_size: Some(Size::new(1024.0, 640.0)),
            icon,
            ..window::Settings::default()
        })
        .run()
}
