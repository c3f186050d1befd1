//! What a dossier de convention holds: its sections and its appendices, each named by
//! a short code (the command line's `--sections`, the store's memory of the choice) and
//! a French title. Which ones a person ticked is a [`DossierChoice`].

use super::DomainError;

/// A section of the dossier, in the order it is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Mandate,
    Governance,
    Rules,
    Calendar,
    Panel,
    Meetings,
    Actions,
    Proposals,
    Budget,
    Risks,
    Timeline,
}

impl Section {
    pub const ALL: [Section; 11] = [
        Section::Mandate,
        Section::Governance,
        Section::Rules,
        Section::Calendar,
        Section::Panel,
        Section::Meetings,
        Section::Actions,
        Section::Proposals,
        Section::Budget,
        Section::Risks,
        Section::Timeline,
    ];

    /// Its code on the command line and in the store.
    pub fn code(self) -> &'static str {
        match self {
            Section::Mandate => "mandat",
            Section::Governance => "gouvernance",
            Section::Rules => "regles",
            Section::Calendar => "calendrier",
            Section::Panel => "panel",
            Section::Meetings => "reunions",
            Section::Actions => "actions",
            Section::Proposals => "propositions",
            Section::Budget => "budget",
            Section::Risks => "risques",
            Section::Timeline => "chronologie",
        }
    }

    /// Its title in the dossier and in the export dialog.
    pub fn title(self) -> &'static str {
        match self {
            Section::Mandate => "Mandat et cadre",
            Section::Governance => "Gouvernance",
            Section::Rules => "Règles du jeu",
            Section::Calendar => "Calendrier et participation",
            Section::Panel => "Recrutement et panel",
            Section::Meetings => "Réunions",
            Section::Actions => "Actions en cours",
            Section::Proposals => "Propositions et réponses de la Ville",
            Section::Budget => "Budget",
            Section::Risks => "Risques",
            Section::Timeline => "Chronologie",
        }
    }
}

/// An appendix: a whole document printed after the sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Appendix {
    /// The validated comptes rendus in full (they name the participants).
    Minutes,
    /// The procès-verbal of the draw.
    DrawMinutes,
    /// The rules of the game in full.
    Rules,
    /// The feuilles d'émargement of the sessions (names and signatures).
    AttendanceSheets,
}

impl Appendix {
    pub const ALL: [Appendix; 4] = [
        Appendix::Minutes,
        Appendix::DrawMinutes,
        Appendix::Rules,
        Appendix::AttendanceSheets,
    ];

    /// Its code on the command line and in the store.
    pub fn code(self) -> &'static str {
        match self {
            Appendix::Minutes => "comptes-rendus",
            Appendix::DrawMinutes => "pv",
            Appendix::Rules => "regles",
            Appendix::AttendanceSheets => "emargements",
        }
    }

    /// Its name in the export dialog.
    pub fn title(self) -> &'static str {
        match self {
            Appendix::Minutes => "Comptes rendus validés, en entier",
            Appendix::DrawMinutes => "Procès-verbal du tirage au sort",
            Appendix::Rules => "Règles du jeu, en entier",
            Appendix::AttendanceSheets => "Feuilles d’émargement (données personnelles)",
        }
    }

    /// Whether it names people: a dossier holding it is logged as personal data.
    pub fn personal(self) -> bool {
        matches!(self, Appendix::Minutes | Appendix::AttendanceSheets)
    }
}

/// The sections and appendices a person chose, in print order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DossierChoice {
    pub sections: Vec<Section>,
    pub appendices: Vec<Appendix>,
}

impl Default for DossierChoice {
    /// Every section; the comptes rendus, the PV and the rules as appendices, not the
    /// attendance sheets.
    fn default() -> Self {
        DossierChoice {
            sections: Section::ALL.to_vec(),
            appendices: vec![Appendix::Minutes, Appendix::DrawMinutes, Appendix::Rules],
        }
    }
}

impl DossierChoice {
    /// Whether the dossier names people (see [`Appendix::personal`]).
    pub fn personal(&self) -> bool {
        self.appendices.iter().any(|a| a.personal())
    }

    /// Ticks or unticks a section, keeping print order.
    pub fn toggle_section(&mut self, s: Section, on: bool) {
        self.sections.retain(|x| *x != s);
        if on {
            self.sections.push(s);
            self.sections.sort();
        }
    }

    /// Ticks or unticks an appendix, keeping print order.
    pub fn toggle_appendix(&mut self, a: Appendix, on: bool) {
        self.appendices.retain(|x| *x != a);
        if on {
            self.appendices.push(a);
            self.appendices.sort();
        }
    }

    /// Reads `--sections mandat,budget` or the store's memory; an unknown code is
    /// refused with the list of known ones. An empty text chooses nothing.
    pub fn parse_sections(text: &str) -> Result<Vec<Section>, DomainError> {
        parse_codes(text, &Section::ALL, |s| s.code())
    }

    /// Reads `--annexes pv,regles` (or `aucune`).
    pub fn parse_appendices(text: &str) -> Result<Vec<Appendix>, DomainError> {
        if text.trim() == "aucune" {
            return Ok(Vec::new());
        }
        parse_codes(text, &Appendix::ALL, |a| a.code())
    }

    /// The codes of the sections, comma-separated.
    pub fn section_codes(&self) -> String {
        codes(&self.sections, |s| s.code())
    }

    /// The codes of the appendices, comma-separated.
    pub fn appendix_codes(&self) -> String {
        codes(&self.appendices, |a| a.code())
    }
}

fn codes<T: Copy>(items: &[T], code: impl Fn(T) -> &'static str) -> String {
    items.iter().map(|i| code(*i)).collect::<Vec<_>>().join(",")
}

fn parse_codes<T: Copy + Ord>(
    text: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
) -> Result<Vec<T>, DomainError> {
    let mut out = Vec::new();
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let Some(item) = all.iter().find(|i| code(**i) == word) else {
            let known: Vec<&str> = all.iter().map(|i| code(*i)).collect();
            return Err(DomainError::UnknownCode {
                code: word.to_string(),
                known: known.join(", "),
            });
        };
        if !out.contains(item) {
            out.push(*item);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_in_print_order_and_unknown_ones_are_named() {
        let s = DossierChoice::parse_sections("budget, mandat,budget").unwrap();
        assert_eq!(s, vec![Section::Mandate, Section::Budget]);
        let d = DossierChoice::default();
        assert_eq!(
            DossierChoice::parse_sections(&d.section_codes()).unwrap(),
            d.sections
        );
        assert_eq!(
            DossierChoice::parse_appendices(&d.appendix_codes()).unwrap(),
            d.appendices
        );
        assert!(
            DossierChoice::parse_appendices("aucune")
                .unwrap()
                .is_empty()
        );
        let e = DossierChoice::parse_sections("mandat,finances").unwrap_err();
        assert!(e.to_string().contains("« finances »"), "{e}");
        assert!(e.to_string().contains("chronologie"), "{e}");
    }

    #[test]
    fn only_appendices_naming_people_make_the_dossier_personal() {
        let mut d = DossierChoice::default();
        assert!(d.personal(), "the comptes rendus name the participants");
        d.toggle_appendix(Appendix::Minutes, false);
        assert!(!d.personal());
        d.toggle_appendix(Appendix::AttendanceSheets, true);
        assert!(d.personal());
        d.toggle_section(Section::Mandate, false);
        d.toggle_section(Section::Mandate, true);
        assert_eq!(d.sections[0], Section::Mandate);
    }
}
