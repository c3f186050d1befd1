//! Colours and container/button styles of the window.

use iced::widget::{button, container};
use iced::{Background, Border, Color, Theme};

pub const ACCENT: Color = Color::from_rgb(0.12, 0.36, 0.60);
pub const MUTED: Color = Color::from_rgb(0.40, 0.42, 0.45);
pub const LATE: Color = Color::from_rgb(0.72, 0.25, 0.10);
pub const OK: Color = Color::from_rgb(0.18, 0.49, 0.31);
const SIDEBAR: Color = Color::from_rgb(0.93, 0.95, 0.97);
const CARD: Color = Color::WHITE;
const LINE: Color = Color::from_rgb(0.85, 0.88, 0.91);

/// The sidebar's background.
pub fn sidebar(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(SIDEBAR)),
        ..container::Style::default()
    }
}

/// A white card with a thin border.
pub fn card(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(CARD)),
        border: Border {
            color: LINE,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// The page behind the cards.
pub fn page(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgb(0.975, 0.98, 0.985))),
        ..container::Style::default()
    }
}

/// A notice banner.
pub fn notice(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgb(0.89, 0.94, 0.99))),
        border: Border {
            color: ACCENT,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..container::Style::default()
    }
}

/// A sidebar or list entry; `selected` draws it filled.
pub fn entry(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_, status| {
        let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
        let bg = if selected {
            Some(Background::Color(ACCENT))
        } else if hovered {
            Some(Background::Color(Color::from_rgb(0.86, 0.91, 0.96)))
        } else {
            None
        };
        button::Style {
            background: bg,
            text_color: if selected {
                Color::WHITE
            } else {
                Color::from_rgb(0.13, 0.13, 0.13)
            },
            border: Border {
                radius: 4.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }
}
