//! Who was invited and who came: inviting from a group or a convention's panel, bulk
//! marking, late arrivals and early departures, rates per person and per session, and
//! the attendance days that the compensation of panel members is counted from.

use rusqlite::params;

use super::row::code;
use super::{ContactFilter, Store, StoreError, Tx};
use crate::domain::codes::AttendanceStatus;
use crate::domain::ids::{ContactId, ConventionId, MeetingId};
use crate::domain::meeting::{Attendance, PersonAttendance};

/// A group of the directory, with its size; a saved selection is re-run each time.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub members: u32,
    /// A saved selection (a search that re-runs), not a fixed list.
    pub saved_selection: bool,
}

/// A meeting of a convention's sessions, with its attendance.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionAttendance {
    pub meeting: MeetingId,
    pub date: chrono::NaiveDate,
    pub title: String,
    pub present: u32,
    pub expected: u32,
}

impl Store {
    /// A meeting's participants, sorted by name.
    pub fn attendance(&self, id: MeetingId) -> Result<Vec<Attendance>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.is_organisation, k.first_name, k.last_name, k.organisation, a.status, \
                a.arrived_late, a.left_early FROM attendance a \
             JOIN contacts k ON k.id = a.contact_id WHERE a.meeting_id = ?1 \
             ORDER BY CASE WHEN k.is_organisation THEN k.organisation ELSE k.last_name END COLLATE NOCASE, \
                k.first_name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            let is_org: bool = r.get(1)?;
            let (first, last, org): (String, String, String) = (r.get(2)?, r.get(3)?, r.get(4)?);
            Ok(Attendance {
                contact: ContactId(r.get(0)?),
                name: if is_org {
                    org.clone()
                } else {
                    format!("{} {first}", last.to_uppercase())
                        .trim()
                        .to_string()
                },
                organisation: if is_org { String::new() } else { org },
                status: code(r, 5)?,
                arrived_late: r.get(6)?,
                left_early: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The panel members of a convention.
    pub fn panelists(
        &self,
        convention: ConventionId,
    ) -> Result<std::collections::HashSet<ContactId>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT contact_id FROM convention_roles WHERE convention_id = ?1 AND role = 'panelist'",
        )?;
        let rows = stmt.query_map([convention.0], |r| r.get(0).map(ContactId))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The directory's groups and saved selections, with their current size.
    pub fn groups(&self) -> Result<Vec<GroupRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT g.id, g.name, g.query, (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) \
             FROM groups g ORDER BY g.name COLLATE NOCASE",
        )?;
        let rows: Vec<(i64, String, String, u32)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, name, query, members)| {
                Ok(if query.is_empty() {
                    GroupRow {
                        id,
                        name,
                        members,
                        saved_selection: false,
                    }
                } else {
                    GroupRow {
                        id,
                        name,
                        members: self.contacts_count(&ContactFilter::from_query(&query)?)?,
                        saved_selection: true,
                    }
                })
            })
            .collect()
    }

    /// Saves the directory's current search as a selection that re-runs each time it
    /// is used (to invite, later to target a campaign).
    pub fn save_selection(
        &mut self,
        name: &str,
        filter: &ContactFilter,
    ) -> Result<i64, StoreError> {
        let name = self.free_group_name(name, "Nom de la sélection")?;
        let query = filter.to_query();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO groups (name, query) VALUES (?1, ?2)",
                params![name, query],
            )?;
            let id = tx.last_insert_rowid();
            tx.journal(
                "create",
                "group",
                Some(id),
                &format!("Sélection « {name} » enregistrée"),
            )?;
            Ok(id)
        })
    }

    /// Invites people one by one; those already on the list keep their status.
    /// Returns how many were added.
    pub fn invite(
        &mut self,
        meeting: MeetingId,
        contacts: &[ContactId],
    ) -> Result<usize, StoreError> {
        let ids: Vec<i64> = contacts.iter().map(|c| c.0).collect();
        self.invite_where(
            meeting,
            "SELECT value FROM json_each(?2)",
            serde_json::to_string(&ids).unwrap_or_default(),
            "des contacts choisis",
        )
    }

    /// A group's members, or whoever a saved selection finds today; with the group's
    /// name and whether it is a selection.
    pub fn group_members(&self, group: i64) -> Result<(String, bool, Vec<ContactId>), StoreError> {
        let (name, query): (String, String) = self.conn.query_row(
            "SELECT name, query FROM groups WHERE id = ?1",
            [group],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if query.is_empty() {
            let mut stmt = self.conn.prepare(
                "SELECT contact_id FROM group_members WHERE group_id = ?1 ORDER BY contact_id",
            )?;
            let ids = stmt
                .query_map([group], |r| r.get(0).map(ContactId))?
                .collect::<Result<_, _>>()?;
            return Ok((name, false, ids));
        }
        let filter = ContactFilter::from_query(&query)?;
        let ids = self
            .contacts_page(&filter, 0, u32::MAX)?
            .into_iter()
            .map(|c| c.id)
            .collect();
        Ok((name, true, ids))
    }

    /// Adds contacts to a fixed group (a saved selection re-runs its search and takes no
    /// members); returns how many were not in it yet.
    pub fn add_to_group(
        &mut self,
        group: i64,
        contacts: &[ContactId],
    ) -> Result<usize, StoreError> {
        let (name, selection, _) = self.group_members(group)?;
        if selection {
            return Err(StoreError::Refused(format!(
                "« {name} » est une sélection enregistrée : elle se recalcule, on n'y ajoute personne"
            )));
        }
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT OR IGNORE INTO group_members (group_id, contact_id) VALUES (?1, ?2)",
            )?;
            let mut added = 0;
            for c in contacts {
                added += stmt.execute(params![group, c.0])?;
            }
            tx.journal(
                "group",
                "group",
                Some(group),
                &format!("{added} contact(s) ajouté(s) au groupe « {name} »"),
            )?;
            Ok(added)
        })
    }

    /// A group or selection name, trimmed, not empty and not taken.
    fn free_group_name<'n>(
        &self,
        name: &'n str,
        field: &'static str,
    ) -> Result<&'n str, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(crate::domain::DomainError::Required(field).into());
        }
        let taken: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM groups WHERE name = ?1",
            [name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Refused(format!(
                "un groupe ou une sélection s'appelle déjà « {name} »"
            )));
        }
        Ok(name)
    }

    /// Creates a fixed group with these contacts.
    pub fn create_group(&mut self, name: &str, contacts: &[ContactId]) -> Result<i64, StoreError> {
        let name = self.free_group_name(name, "Nom du groupe")?;
        let id = self.write(|tx| {
            tx.execute("INSERT INTO groups (name) VALUES (?1)", [name])?;
            let id = tx.last_insert_rowid();
            tx.journal(
                "create",
                "group",
                Some(id),
                &format!("Groupe « {name} » créé"),
            )?;
            Ok(id)
        })?;
        self.add_to_group(id, contacts)?;
        Ok(id)
    }

    /// Invites every member of a group, or everyone a saved selection finds today.
    pub fn invite_group(&mut self, meeting: MeetingId, group: i64) -> Result<usize, StoreError> {
        let (name, selection, ids) = self.group_members(group)?;
        let ids: Vec<i64> = ids.into_iter().map(|c| c.0).collect();
        self.invite_where(
            meeting,
            "SELECT value FROM json_each(?2)",
            serde_json::to_string(&ids).unwrap_or_default(),
            &format!(
                "{} « {name} »",
                if selection {
                    "de la sélection"
                } else {
                    "du groupe"
                }
            ),
        )
    }

    /// Invites the panel of the meeting's convention (its members drawn by lot).
    pub fn invite_panel(&mut self, meeting: MeetingId) -> Result<usize, StoreError> {
        let Some(convention) = self.meeting(meeting)?.convention else {
            return Err(StoreError::Refused(
                "cette réunion n'est rattachée à aucune convention : il n'y a pas de panel à inviter".into(),
            ));
        };
        self.invite_where(
            meeting,
            "SELECT contact_id FROM convention_roles WHERE convention_id = ?2 AND role = 'panelist'",
            convention.0.to_string(),
            "du panel de la convention",
        )
    }

    fn invite_where(
        &mut self,
        meeting: MeetingId,
        select: &str,
        arg: String,
        whom: &str,
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            let added = tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO attendance (meeting_id, contact_id, status) \
                     SELECT ?1, c.id, 'invited' FROM contacts c WHERE c.id IN ({select})"
                ),
                params![meeting.0, arg],
            )?;
            tx.journal(
                "invite",
                "meeting",
                Some(meeting.0),
                &format!("{added} invitation(s) ajoutée(s) à partir {whom}"),
            )?;
            Ok(added)
        })
    }

    /// Gives one status to several participants at once (everyone present, then the
    /// exceptions one by one).
    pub fn mark_attendance(
        &mut self,
        meeting: MeetingId,
        contacts: &[ContactId],
        status: AttendanceStatus,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            let mut stmt = tx.prepare(
                "UPDATE attendance SET status = ?3 WHERE meeting_id = ?1 AND contact_id = ?2",
            )?;
            for c in contacts {
                stmt.execute(params![meeting.0, c.0, status.code()])?;
            }
            let who = match contacts {
                [one] => format!("Contact n° {one}"),
                many => format!("{} participants", many.len()),
            };
            tx.journal(
                "attendance",
                "meeting",
                Some(meeting.0),
                &format!("{who} : {}", status.label()),
            )
        })
    }

    /// Notes a late arrival or an early departure.
    pub fn set_attendance_flags(
        &mut self,
        meeting: MeetingId,
        contact: ContactId,
        arrived_late: bool,
        left_early: bool,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            tx.execute(
                "UPDATE attendance SET arrived_late = ?3, left_early = ?4 WHERE meeting_id = ?1 AND contact_id = ?2",
                params![meeting.0, contact.0, arrived_late, left_early],
            )?;
            tx.journal(
                "attendance",
                "meeting",
                Some(meeting.0),
                &format!(
                    "Contact n° {contact} : arrivée tardive {}, départ anticipé {}",
                    if arrived_late { "oui" } else { "non" },
                    if left_early { "oui" } else { "non" }
                ),
            )
        })
    }

    /// Takes someone off a meeting's list.
    pub fn remove_participant(
        &mut self,
        meeting: MeetingId,
        contact: ContactId,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            tx.execute(
                "DELETE FROM attendance WHERE meeting_id = ?1 AND contact_id = ?2",
                params![meeting.0, contact.0],
            )?;
            tx.journal(
                "attendance",
                "meeting",
                Some(meeting.0),
                &format!("Contact n° {contact} retiré de la liste"),
            )
        })
    }

    /// Each person's attendance over the convention's sessions (meetings that hold a
    /// session), lowest rate first.
    pub fn person_attendance(
        &self,
        convention: ConventionId,
    ) -> Result<Vec<PersonAttendance>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.first_name, k.last_name, sum(a.status = 'present'), sum(a.status <> 'replaced') \
             FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN contacts k ON k.id = a.contact_id \
             WHERE m.convention_id = ?1 AND m.session_id IS NOT NULL \
               AND a.status IN ('present', 'excused', 'absent', 'replaced') \
             GROUP BY k.id ORDER BY 1.0 * sum(a.status = 'present') / max(sum(a.status <> 'replaced'), 1), \
                k.last_name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([convention.0], |r| {
            let (first, last): (String, String) = (r.get(1)?, r.get(2)?);
            Ok(PersonAttendance {
                contact: ContactId(r.get(0)?),
                name: format!("{} {first}", last.to_uppercase()),
                present: r.get(3)?,
                expected: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Attendance of each session of a convention that has taken place.
    pub fn session_attendance(
        &self,
        convention: ConventionId,
    ) -> Result<Vec<SessionAttendance>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT m.id, m.date, m.title, sum(a.status = 'present'), sum(a.status <> 'replaced') \
             FROM meetings m JOIN attendance a ON a.meeting_id = m.id \
             WHERE m.convention_id = ?1 AND m.session_id IS NOT NULL \
             GROUP BY m.id HAVING sum(a.status IN ('present', 'excused', 'absent')) > 0 \
             ORDER BY m.date",
        )?;
        let rows = stmt.query_map([convention.0], |r| {
            Ok(SessionAttendance {
                meeting: MeetingId(r.get(0)?),
                date: super::row::date(r, 1)?,
                title: r.get(2)?,
                present: r.get(3)?,
                expected: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Days of presence of panel members at the convention's sessions: the count the
    /// compensation (indemnités) is paid on. One day per person and date.
    pub fn compensation_days(&self, convention: ConventionId) -> Result<u32, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM (SELECT DISTINCT a.contact_id, m.date FROM attendance a \
                JOIN meetings m ON m.id = a.meeting_id \
                JOIN convention_roles r ON r.contact_id = a.contact_id AND r.convention_id = m.convention_id \
                    AND r.role = 'panelist' \
             WHERE m.convention_id = ?1 AND m.session_id IS NOT NULL AND a.status = 'present')",
            [convention.0],
            |r| r.get(0),
        )?)
    }
}

impl Tx<'_> {
    pub(crate) fn set_attendance(
        &self,
        meeting: MeetingId,
        contact: ContactId,
        status: AttendanceStatus,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO attendance (meeting_id, contact_id, status) VALUES (?1, ?2, ?3) \
             ON CONFLICT(meeting_id, contact_id) DO UPDATE SET status = excluded.status",
            params![meeting.0, contact.0, status.code()],
        )?;
        self.journal(
            "attendance",
            "meeting",
            Some(meeting.0),
            &format!("Contact n° {contact} : {}", status.label()),
        )
    }
}
