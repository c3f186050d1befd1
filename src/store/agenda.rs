//! A meeting's agenda: ordered items and sub-items, with the notes taken on each.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, Tx};
use crate::domain::ids::{AgendaItemId, MeetingId};
use crate::domain::meeting::AgendaItem;

impl Store {
    /// A meeting's agenda: top-level items by position, sub-items after their parent.
    pub fn agenda(&self, id: MeetingId) -> Result<Vec<AgendaItem>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.parent_id, a.position, a.title, a.duration_minutes, a.speaker, a.notes \
             FROM agenda_items a LEFT JOIN agenda_items p ON p.id = a.parent_id \
             WHERE a.meeting_id = ?1 \
             ORDER BY coalesce(p.position, a.position), a.parent_id IS NOT NULL, a.position",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(AgendaItem {
                id: AgendaItemId(r.get(0)?),
                parent: r.get::<_, Option<i64>>(1)?.map(AgendaItemId),
                position: r.get(2)?,
                title: r.get(3)?,
                duration_minutes: r.get(4)?,
                speaker: r.get(5)?,
                notes: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds an item at the end of the agenda (or of its parent's sub-items).
    pub fn add_agenda_item(
        &mut self,
        meeting: MeetingId,
        item: &AgendaItem,
    ) -> Result<AgendaItemId, StoreError> {
        if item.title.trim().is_empty() {
            return Err(crate::domain::DomainError::Required("Intitulé du point").into());
        }
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            let position: u32 = tx.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?1 AND parent_id IS ?2",
                params![meeting.0, item.parent.map(|p| p.0)],
                |r| r.get(0),
            )?;
            tx.insert_agenda_item(
                meeting,
                &AgendaItem {
                    position,
                    ..item.clone()
                },
            )
        })
    }

    /// Saves an item's title, duration and speaker.
    pub fn update_agenda_item(&mut self, item: &AgendaItem) -> Result<(), StoreError> {
        if item.title.trim().is_empty() {
            return Err(crate::domain::DomainError::Required("Intitulé du point").into());
        }
        self.write(|tx| {
            let meeting = tx.item_meeting(item.id)?;
            tx.ensure_editable(meeting)?;
            tx.execute(
                "UPDATE agenda_items SET title = ?2, duration_minutes = ?3, speaker = ?4 WHERE id = ?1",
                params![item.id.0, item.title, item.duration_minutes, item.speaker],
            )?;
            tx.journal(
                "update",
                "agenda_item",
                Some(item.id.0),
                &format!("Point « {} » modifié", item.title),
            )
        })
    }

    /// Removes an item (and its sub-items) and closes the gap in the numbering.
    pub fn remove_agenda_item(&mut self, id: AgendaItemId) -> Result<(), StoreError> {
        self.write(|tx| {
            let meeting = tx.item_meeting(id)?;
            tx.ensure_editable(meeting)?;
            let (parent, position, title): (Option<i64>, u32, String) = tx.query_row(
                "SELECT parent_id, position, title FROM agenda_items WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            tx.execute("DELETE FROM agenda_items WHERE id = ?1", [id.0])?;
            tx.execute(
                "UPDATE agenda_items SET position = position - 1 \
                 WHERE meeting_id = ?1 AND parent_id IS ?2 AND position > ?3",
                params![meeting.0, parent, position],
            )?;
            tx.journal(
                "delete",
                "agenda_item",
                Some(id.0),
                &format!("Point « {title} » retiré de l'ordre du jour"),
            )
        })
    }

    /// Moves an item one place up (or down) among its siblings; at either end of the
    /// list nothing changes.
    pub fn move_agenda_item(&mut self, id: AgendaItemId, up: bool) -> Result<(), StoreError> {
        let (meeting, parent, position): (i64, Option<i64>, i64) = self
            .conn
            .query_row(
                "SELECT meeting_id, parent_id, position FROM agenda_items WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("point de l'ordre du jour", id.0))?;
        let other = position + if up { -1 } else { 1 };
        let neighbour: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM agenda_items WHERE meeting_id = ?1 AND parent_id IS ?2 AND position = ?3",
                params![meeting, parent, other],
                |r| r.get(0),
            )
            .optional()?;
        let Some(neighbour) = neighbour else {
            return Ok(());
        };
        self.write(|tx| {
            tx.ensure_editable(MeetingId(meeting))?;
            tx.execute(
                "UPDATE agenda_items SET position = ?2 WHERE id = ?1",
                params![neighbour, position],
            )?;
            tx.execute(
                "UPDATE agenda_items SET position = ?2 WHERE id = ?1",
                params![id.0, other],
            )?;
            tx.journal(
                "update",
                "agenda_item",
                Some(id.0),
                "Ordre du jour réordonné",
            )
        })
    }
}

impl Tx<'_> {
    pub(crate) fn insert_agenda_item(
        &self,
        meeting: MeetingId,
        item: &AgendaItem,
    ) -> Result<AgendaItemId, StoreError> {
        self.execute(
            "INSERT INTO agenda_items (meeting_id, parent_id, position, title, duration_minutes, speaker, notes) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                meeting.0,
                item.parent.map(|p| p.0),
                item.position,
                item.title,
                item.duration_minutes,
                item.speaker,
                item.notes
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "agenda_item",
            Some(id),
            &format!("Point « {} » ajouté à l'ordre du jour", item.title),
        )?;
        Ok(AgendaItemId(id))
    }

    fn item_meeting(&self, id: AgendaItemId) -> Result<MeetingId, StoreError> {
        self.query_row(
            "SELECT meeting_id FROM agenda_items WHERE id = ?1",
            [id.0],
            |r| r.get(0).map(MeetingId),
        )
        .optional()?
        .ok_or(StoreError::NotFound("point de l'ordre du jour", id.0))
    }
}
