//! Facts the analysis derives from one KB entity alone, computed once per KB.
//!
//! A keystroke re-runs linking and the checks over the whole story (`incremental`), and
//! some of them derive the same thing from the same entity every time: the folded words
//! of every name of an organisation that scopes a title (a UN body has names in eight
//! languages), the script keys of every surname of each person a romanised name may be.
//! Folding and transliterating those names was a sixth of a keystroke on the 5,050-word
//! story of `benches/lsp_latency.py`. The KB is immutable, so a value never goes stale;
//! the map holds only the entities asked about, so it is bounded by the KB.

use std::sync::{Arc, Mutex};

use byline_kb::{Entity, EntityId, Kb};
use rustc_hash::FxHashMap as HashMap;

/// The values of one kind `V` derived per entity of a KB (one map per `V`: give each
/// use its own type).
pub struct PerEntity<V>(Mutex<HashMap<EntityId, Arc<V>>>);

impl<V: Send + Sync + 'static> PerEntity<V> {
    /// The value for entity `id`, from `derive` the first time this KB is asked.
    pub fn get(kb: &Kb, id: EntityId, derive: impl FnOnce(&Entity) -> V) -> Arc<V> {
        let memo = kb.derived(|_| PerEntity::<V>(Mutex::new(HashMap::default())));
        let lock = || memo.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = lock().get(&id) {
            return Arc::clone(found);
        }
        let value = Arc::new(derive(kb.entity(id)));
        lock().insert(id, Arc::clone(&value));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entities::MOSCOW;
    use crate::testing::kb;
    use std::cell::Cell;

    struct NameLength(usize);

    #[test]
    fn a_value_is_derived_once_per_entity_and_kb() {
        let kb = kb(&[MOSCOW]);
        let id = kb.find_id("moscow").expect("the KB has Moscow");
        let calls = Cell::new(0);
        let derive = |e: &Entity| {
            calls.set(calls.get() + 1);
            NameLength(e.name.len())
        };
        let first = PerEntity::get(&kb, id, derive);
        let second = PerEntity::get(&kb, id, derive);
        assert_eq!(calls.get(), 1);
        assert_eq!(first.0, second.0);
        assert_eq!(first.0, "Moscow".len());
    }
}
