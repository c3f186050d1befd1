//! The commands on attached files: list them, attach one, check them all.

use super::{Context, print_listing, say};
use crate::domain::attachment::{Owner, size_label};
use crate::domain::ids::{
    CallId, ContactId, ConventionId, DispositifId, MeetingId, ProposalId, SessionId,
};
use crate::store::StoreError;

/// `attachments list`: every attached file with its record.
pub fn list(cx: &Context, rest: &[&str]) -> Result<(), String> {
    super::dossier::no_more(rest, "attachments list")?;
    cx.with_store(|store| {
        let mut listing = String::new();
        let all = store.all_attachments()?;
        for a in &all {
            let owner = match a.owner {
                Some(o) => format!("{} n° {} « {} »", o.kind_label(), o.id(), a.owner_title),
                None => "sans rattachement".into(),
            };
            listing.push_str(&format!(
                "{:>4}  {}  {:>10}  {}{} — {}\n",
                a.id,
                a.added_at.format("%d/%m/%Y"),
                size_label(a.size),
                a.name,
                if a.signed_sheet {
                    " (feuille signée)"
                } else {
                    ""
                },
                owner
            ));
        }
        let usage = store.attachments_usage()?;
        listing.push_str(&format!(
            "{} pièce(s) jointe(s), {} sur le disque.\n",
            usage.count,
            size_label(usage.bytes)
        ));
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `attachments add KIND ID FILE`: attaches a file to a record.
pub fn add(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let usage = "Usage : agora attachments add convention|seance|reunion|proposition|dispositif|contact|veille|appel ID FICHIER";
    let [kind, id, file] = rest else {
        return Err(usage.into());
    };
    let id: i64 = id.parse().map_err(|_| usage.to_string())?;
    let owner = match *kind {
        "convention" => Owner::Convention(ConventionId(id)),
        "seance" => Owner::Session(SessionId(id)),
        "reunion" => Owner::Meeting(MeetingId(id)),
        "proposition" => Owner::Proposal(ProposalId(id)),
        "dispositif" => Owner::Dispositif(DispositifId(id)),
        "contact" => Owner::Contact(ContactId(id)),
        "veille" => Owner::VeilleNote(id),
        "appel" => Owner::Call(CallId(id)),
        _ => return Err(usage.into()),
    };
    let path = cx.path(file);
    cx.with_store(|store| {
        let a = store.attach_file(owner, &path)?;
        say(format!(
            "« {} » ({}) joint à {} n° {} (pièce n° {}).",
            a.name,
            size_label(a.size),
            owner.kind_label(),
            id,
            a.id
        ));
        Ok::<_, StoreError>(())
    })
}

/// `attachments check`: every attached file present and matching its hash. Fails
/// (exit status 1) naming each file that is not.
pub fn check(cx: &Context, rest: &[&str]) -> Result<(), String> {
    super::dossier::no_more(rest, "attachments check")?;
    let mut problems = Vec::new();
    cx.with_store(|store| {
        let usage = store.attachments_usage()?;
        for (a, p) in store.check_attachments()? {
            problems.push(format!(
                "Pièce n° {} « {} » ({}) : {}.",
                a.id,
                a.name,
                match a.owner {
                    Some(o) => format!("{} n° {}", o.kind_label(), o.id()),
                    None => "sans rattachement".into(),
                },
                p.label()
            ));
        }
        if problems.is_empty() {
            say(format!(
                "{} pièce(s) jointe(s) vérifiée(s) : toutes présentes et intactes ({}).",
                usage.count,
                size_label(usage.bytes)
            ));
        }
        Ok::<_, StoreError>(())
    })?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n{} pièce(s) jointe(s) manquante(s) ou modifiée(s) : restaurez une sauvegarde ou joignez de nouveau ces fichiers.",
            problems.join("\n"),
            problems.len()
        ))
    }
}
