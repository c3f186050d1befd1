//! The list of an interpellation's supporters, as the voting platform or the paper
//! forms typed in a spreadsheet give it: one supporter a line, with a name, where they
//! live, how they signed and when. Checked whole: a line unreadable or repeating an
//! earlier one (a support counts once) refuses the file.

use chrono::NaiveDate;

use super::csv::{self, Record};
use crate::domain::codes::FilingChannel;
use crate::domain::parse;

/// One supporter of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supporter {
    /// Names as given (first name and name joined when in two columns).
    pub name: String,
    /// Postal code, town or address: what the file says of where they live.
    pub place: String,
    pub channel: FilingChannel,
    pub signed_on: Option<NaiveDate>,
}

/// What a file gave: the supporters in file order, and the errors, each naming its
/// line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SupporterList {
    pub supporters: Vec<Supporter>,
    pub errors: Vec<String>,
}

impl SupporterList {
    /// Nothing may be imported while one line is wrong.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && !self.supporters.is_empty()
    }

    /// Supporters on paper, and online.
    pub fn counts(&self) -> (u32, u32) {
        let paper = self
            .supporters
            .iter()
            .filter(|s| s.channel == FilingChannel::Paper)
            .count() as u32;
        (paper, self.supporters.len() as u32 - paper)
    }
}

/// The columns: name, first name, place, channel, date (`usize::MAX` when absent).
fn columns(header: &Record) -> Result<[usize; 5], String> {
    let find = |names: &[&str]| {
        header
            .fields()
            .position(|f| names.contains(&csv::key(f).as_str()))
            .unwrap_or(usize::MAX)
    };
    let name = find(&["nom", "name", "nomcomplet", "soutien", "signataire"]);
    if name == usize::MAX {
        return Err(
            "Ligne 1 : l’en-tête doit nommer au moins la colonne « nom » (puis « prénom », « code postal » ou « adresse », « canal », « date »)."
                .into(),
        );
    }
    Ok([
        name,
        find(&["prenom", "firstname"]),
        find(&[
            "codepostal",
            "cp",
            "commune",
            "ville",
            "adresse",
            "address",
            "lieu",
        ]),
        find(&["canal", "support", "mode", "channel"]),
        find(&["date", "signele", "datedesignature", "le"]),
    ])
}

/// « papier », « en ligne » (or « internet », « web », « plateforme »).
fn channel(s: &str) -> Option<FilingChannel> {
    match csv::key(s).as_str() {
        "" | "enligne" | "ligne" | "internet" | "web" | "plateforme" | "online" => {
            Some(FilingChannel::Online)
        }
        "papier" | "paper" | "formulaire" => Some(FilingChannel::Paper),
        _ => None,
    }
}

/// Reads a supporters' file.
pub fn parse(bytes: &[u8]) -> SupporterList {
    let mut out = SupporterList::default();
    let (header, rows) = match csv::table(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.errors.push(e.to_string());
            return out;
        }
    };
    let [name_col, first_col, place_col, channel_col, date_col] = match columns(&header) {
        Ok(c) => c,
        Err(e) => {
            out.errors.push(e);
            return out;
        }
    };
    let mut seen = std::collections::HashMap::new();
    for r in &rows {
        let get = |i: usize| r.get(i).unwrap_or("").trim();
        if r.fields().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut problems = Vec::new();
        if r.len() > header.len() {
            problems.push(format!("{} colonnes au lieu de {}", r.len(), header.len()));
        }
        let name = [get(first_col), get(name_col)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if get(name_col).is_empty() {
            problems.push("nom manquant".to_string());
        }
        let ch = channel(get(channel_col));
        if ch.is_none() {
            problems.push(format!(
                "canal « {} » inconnu (attendus : papier, en ligne)",
                get(channel_col)
            ));
        }
        let date = parse::opt_date(get(date_col));
        if date.is_err() {
            problems.push(format!("date « {} » illisible", get(date_col)));
        }
        let place = get(place_col).to_string();
        let who = (csv::key(&name), csv::key(&place));
        if !get(name_col).is_empty()
            && let Some(first) = seen.insert(who, r.line)
        {
            problems.push(format!(
                "même personne que ligne {first} (un soutien ne compte qu’une fois)"
            ));
        }
        match (ch, date) {
            (Some(channel), Ok(signed_on)) if problems.is_empty() => {
                out.supporters.push(Supporter {
                    name,
                    place,
                    channel,
                    signed_on,
                })
            }
            _ => out.errors.push(csv::line_error(r.line, &problems)),
        }
    }
    if out.supporters.is_empty() && out.errors.is_empty() {
        out.errors.push(csv::NO_ROWS.into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_list_is_read_with_its_channels() {
        let list = parse(
            "Prénom;Nom;Code postal;Canal;Date\n\
             Léa;Martin;38000;papier;02/03/2026\n\
             Karim;Benali;38100;en ligne;\n\
             ;Collectif Vélo;38000;;\n"
                .as_bytes(),
        );
        assert!(list.is_clean(), "{:?}", list.errors);
        assert_eq!(list.counts(), (1, 2));
        assert_eq!(list.supporters[0].name, "Léa Martin");
        assert_eq!(list.supporters[2].channel, FilingChannel::Online);
    }

    #[test]
    fn a_bad_or_repeated_line_refuses_the_file_naming_each_line() {
        let list = parse(
            "nom;prénom;commune;canal;date\n\
             Martin;Léa;Grenoble;papier;02/03/2026\n\
             ;Paul;Grenoble;papier;\n\
             MARTIN;léa;grenoble;en ligne;\n\
             Roux;Ana;Grenoble;fax;31/02/2026\n"
                .as_bytes(),
        );
        assert!(!list.is_clean());
        assert_eq!(
            list.errors,
            [
                "Ligne 3 : nom manquant.",
                "Ligne 4 : même personne que ligne 2 (un soutien ne compte qu’une fois).",
                "Ligne 5 : canal « fax » inconnu (attendus : papier, en ligne) ; date « 31/02/2026 » illisible.",
            ]
        );
        assert!(
            parse(b"prenom;ville\nA;B\n").errors[0].contains("« nom »"),
            "no name column"
        );
    }
}
