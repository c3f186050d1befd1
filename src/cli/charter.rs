//! The commands on the charter: list the charters with their contributions counted,
//! and write either of its two documents.

use super::documents::{number, write};
use super::{Context, print_listing};
use crate::domain::charter::count_by_state;
use crate::domain::ids::CharterId;
use crate::export::Document;
use crate::report::charter::Paper;
use crate::store::StoreError;

/// `charte list`
pub fn list(cx: &Context, rest: &[&str]) -> Result<(), String> {
    super::dossier::no_more(rest, "charte list")?;
    cx.with_store(|store| {
        let mut listing = String::new();
        for c in store.charters()? {
            let contributions = store.contributions(c.id)?;
            let counts = count_by_state(&contributions)
                .into_iter()
                .map(|(s, n)| format!("{} {n}", s.label().to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ");
            listing.push_str(&format!(
                "{:>4}  {} — {} article(s), {} contribution(s) ({counts}), {} pacte(s){}\n",
                c.id,
                c.title,
                store.articles(c.id)?.len(),
                contributions.len(),
                store.pactes(c.id)?.len(),
                match c.adopted_on {
                    Some(d) => format!(", adoptée le {}", d.format("%d/%m/%Y")),
                    None => String::new(),
                }
            ));
        }
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `charte export ID [--contributions] --out FILE.pdf|.odt`
pub fn export(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (paper, rest) = match rest {
        [id, "--contributions", tail @ ..] => (Paper::Contributions, [&[*id][..], tail].concat()),
        _ => (Paper::Text, rest.to_vec()),
    };
    let [id, "--out", out] = rest.as_slice() else {
        return Err(
            "Indiquez la charte et le fichier de sortie : ID [--contributions] --out FICHIER.pdf (ou .odt)"
                .into(),
        );
    };
    let id = CharterId(number(id, "charte")?);
    write(cx, Document::Charter(id, paper), &cx.path(out))
}
