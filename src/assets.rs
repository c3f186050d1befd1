//! Files embedded in the binary: the font family shared by the window and the PDFs,
//! the application icon, and the templates documents start from.

/// DejaVu Sans regular (covers « » œ ’ € and U+202F).
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans bold.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
/// DejaVu Sans oblique (the family's italic).
pub const FONT_ITALIC: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Oblique.ttf");
/// The family name the window asks for.
pub const FONT_FAMILY: &str = "DejaVu Sans";
/// Application icon, 256×256 PNG.
pub const ICON_PNG: &[u8] = include_bytes!("../assets/icons/agora.png");
/// The rules of participation a new convention starts from: `## Title` then the text
/// of each section.
pub const RULES_TEMPLATE: &str = include_str!("../assets/templates/regles-du-jeu.md");
