//! Small shared pieces of the panels: titles, sections, label–value lines, badges,
//! clickable list entries.

use crate::domain::text::typography;
use iced::widget::{Space, button, column, container, row, text, text_input};
use iced::{Color, Element, Font, Length, Padding, font};

use super::theme;

/// Room on the right of scrolled content, so the scrollbar never covers it.
pub const GUTTER: Padding = Padding {
    top: 0.0,
    right: 14.0,
    bottom: 0.0,
    left: 0.0,
};

/// A label typeset for French (no-break spaces before : ; ! ?, inside « »). Every
/// helper here typesets its labels; values (names, paths, numbers) are shown as typed.
pub fn label<'a>(s: impl text::IntoFragment<'a>) -> String {
    typography(&s.into_fragment())
}

/// The bold face of the default family.
pub fn bold() -> Font {
    Font {
        weight: font::Weight::Bold,
        ..super::default_font()
    }
}

/// A panel's title line.
pub fn title<'a, M: 'a>(s: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(label(s))
        .size(24)
        .font(bold())
        .color(theme::ACCENT)
        .into()
}

/// A card with a heading.
pub fn section<'a, M: 'a>(
    heading: impl text::IntoFragment<'a>,
    body: impl Into<Element<'a, M>>,
) -> Element<'a, M> {
    container(column![text(label(heading)).size(16).font(bold()), body.into()].spacing(8))
        .padding(14)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// "Label    value" on one line.
pub fn field<'a, M: 'a>(
    label: impl text::IntoFragment<'a>,
    value: impl text::IntoFragment<'a>,
) -> Element<'a, M> {
    row![
        text(super::widget::label(label))
            .width(Length::Fixed(210.0))
            .color(theme::MUTED),
        text(value).width(Length::Fill)
    ]
    .spacing(10)
    .into()
}

/// Grey text.
pub fn muted<'a, M: 'a>(s: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(s).color(theme::MUTED).into()
}

/// Coloured text (late items, statuses).
pub fn colored<'a, M: 'a>(s: impl text::IntoFragment<'a>, color: Color) -> Element<'a, M> {
    text(s).color(color).into()
}

/// A clickable entry of a list.
pub fn entry<'a, M: Clone + 'a>(
    content: impl Into<Element<'a, M>>,
    selected: bool,
    on_press: M,
) -> Element<'a, M> {
    button(content)
        .width(Length::Fill)
        .padding([6, 10])
        .style(theme::entry(selected))
        .on_press(on_press)
        .into()
}

/// A tab of a tab bar; the selected one drawn filled.
pub fn tab<'a, M: Clone + 'a>(label: &'a str, selected: bool, on_press: M) -> Element<'a, M> {
    button(text(typography(label)).size(14))
        .padding([6, 10])
        .style(theme::entry(selected))
        .on_press(on_press)
        .into()
}

/// A labelled number, for the dashboard.
pub fn figure<'a, M: 'a>(value: String, label: &'a str) -> Element<'a, M> {
    container(
        column![
            text(value).size(30).font(bold()).color(theme::ACCENT),
            text(typography(label)).color(theme::MUTED)
        ]
        .spacing(2),
    )
    .padding(14)
    .width(Length::Fill)
    .style(theme::card)
    .into()
}

/// Vertical space.
pub fn gap<'a, M: 'a>(h: f32) -> Element<'a, M> {
    Space::new().height(Length::Fixed(h)).into()
}

/// A bold header line for a table made of rows; each column is (title, width portion).
pub fn header_row<'a, M: 'a>(columns: &[(&'a str, u16)]) -> Element<'a, M> {
    let mut r = row![];
    for (title, portion) in columns {
        r = r.push(
            text(typography(title))
                .width(Length::FillPortion(*portion))
                .font(bold()),
        );
    }
    r.into()
}

/// A small grey button for actions on a line ("Modifier", "Retirer").
pub fn small_button<'a, M: Clone + 'a>(label: &'a str, on_press: M) -> Element<'a, M> {
    button(text(typography(label)).size(13))
        .padding([3, 8])
        .style(button::secondary)
        .on_press(on_press)
        .into()
}

/// A one-line text field with an id (for tests and focus) and its message.
pub fn input<'a, M: Clone + 'a>(
    placeholder: &'a str,
    value: &'a str,
    on_input: fn(String) -> M,
    id: &'static str,
) -> Element<'a, M> {
    text_input(placeholder, value)
        .id(id)
        .on_input(on_input)
        .padding(6)
        .into()
}
