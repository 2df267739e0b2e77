//! The composed front page: where an editor may place a story, and how the places an editor
//! left empty are filled with the newest stories without showing one twice.
//!
//! A *place* is a list of numbered slots: the front page itself (its lead and a few secondary
//! slots), a section's block on the front page, and a section page's lead. Slots are numbered
//! from 1 as the desk sees them: slot 1 of the front page is its lead.

use crate::SectionId;

/// The front page's slots: its lead and four secondary stories.
pub const FRONT_SLOTS: u8 = 5;
/// Stories a section's block shows on the front page.
pub const BLOCK_SLOTS: u8 = 4;
/// A section page has one chosen story: its lead.
pub const SECTION_SLOTS: u8 = 1;

/// Where a story can be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// The front page: slot 1 is the lead, then the secondary stories.
    Front,
    /// A section's block on the front page.
    Block(SectionId),
    /// A section's own page, whose one slot is its lead.
    Section(SectionId),
}

impl Place {
    /// How many slots the place has.
    pub fn slots(self) -> u8 {
        match self {
            Place::Front => FRONT_SLOTS,
            Place::Block(_) => BLOCK_SLOTS,
            Place::Section(_) => SECTION_SLOTS,
        }
    }

    /// The section a story must belong to (itself or below it) to be placed here.
    pub fn section(self) -> Option<SectionId> {
        match self {
            Place::Front => None,
            Place::Block(s) | Place::Section(s) => Some(s),
        }
    }

    /// The stored and posted form: `front`, `block-12`, `section-12`.
    pub fn key(self) -> String {
        match self {
            Place::Front => "front".to_owned(),
            Place::Block(s) => format!("block-{}", s.get()),
            Place::Section(s) => format!("section-{}", s.get()),
        }
    }

    /// Reads [`Place::key`]'s form; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Place> {
        if raw == "front" {
            return Some(Place::Front);
        }
        let (kind, id) = raw.split_once('-')?;
        let id: i64 = id.parse().ok().filter(|n| *n > 0)?;
        match kind {
            "block" => Some(Place::Block(SectionId(id))),
            "section" => Some(Place::Section(SectionId(id))),
            _ => None,
        }
    }

    /// Whether `slot` (from 1) is one of this place's.
    pub fn has_slot(self, slot: u8) -> bool {
        (1..=self.slots()).contains(&slot)
    }
}

/// Fills a place: each slot keeps its placed story, an empty one takes the next of `newest`
/// that is neither placed in this place nor already taken; then `rest` more of the newest
/// follow (the list under the slots). No story appears twice.
///
/// `placed[i]` is slot `i + 1`'s story, if any; `taken` are stories shown elsewhere on the page
/// and never repeated here.
pub fn fill<T, K: PartialEq>(
    placed: Vec<Option<T>>,
    newest: Vec<T>,
    taken: &[K],
    rest: usize,
    key: impl Fn(&T) -> K,
) -> (Vec<Option<T>>, Vec<T>) {
    let placed_keys: Vec<K> = placed.iter().flatten().map(&key).collect();
    let mut pool = newest
        .into_iter()
        .filter(|t| {
            let k = key(t);
            !placed_keys.contains(&k) && !taken.contains(&k)
        })
        .collect::<Vec<_>>()
        .into_iter();
    let slots = placed
        .into_iter()
        .map(|s| s.or_else(|| pool.next()))
        .collect();
    (slots, pool.take(rest).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_trip_and_refuse_anything_else() {
        for p in [
            Place::Front,
            Place::Block(SectionId(3)),
            Place::Section(SectionId(12)),
        ] {
            assert_eq!(Place::parse(&p.key()), Some(p));
        }
        for bad in [
            "",
            "fronts",
            "block-",
            "block-0",
            "block--2",
            "section-x",
            "tag-3",
        ] {
            assert_eq!(Place::parse(bad), None, "{bad}");
        }
        assert!(Place::Front.has_slot(1) && Place::Front.has_slot(5));
        assert!(!Place::Front.has_slot(0) && !Place::Front.has_slot(6));
        assert!(!Place::Section(SectionId(1)).has_slot(2));
    }

    #[test]
    fn empty_slots_take_the_newest_stories_never_twice() {
        // Slot 2 holds story 7; the newest are 9, 8, 7, 6, 5, 4; 8 is shown elsewhere.
        let (slots, rest) = fill(
            vec![None, Some(7), None],
            vec![9, 8, 7, 6, 5, 4],
            &[8],
            2,
            |n| *n,
        );
        assert_eq!(slots, vec![Some(9), Some(7), Some(6)]);
        assert_eq!(rest, vec![5, 4]);
    }

    #[test]
    fn too_few_stories_leave_slots_empty() {
        let (slots, rest) = fill(vec![None, None], vec![1], &[] as &[i32], 3, |n| *n);
        assert_eq!(slots, vec![Some(1), None]);
        assert!(rest.is_empty());
    }
}
