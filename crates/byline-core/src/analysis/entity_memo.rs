//! Facts the analysis derives from one KB entity (or one KB string) alone, computed
//! once per KB.
//!
//! A keystroke re-runs linking and the checks over the whole story (`incremental`), and
//! some of them derive the same thing from the same KB data every time: the offices a
//! role title names, the folded words of every name of an organisation that scopes a
//! title (a UN body has names in eight languages), the script keys of every surname of
//! each person a romanised name may be. The KB is immutable, so a value never goes
//! stale; a map holds only the keys asked about, so it is bounded by the KB.

use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use byline_kb::{Entity, EntityId, Kb};
use rustc_hash::FxHashMap as HashMap;

/// The values of one kind `V` derived per key `K` of a KB (one map per `(K, V)`: give
/// each use its own value type).
pub struct KbMemo<K, V>(Mutex<HashMap<K, Arc<V>>>);

impl<K: Hash + Eq + Send + 'static, V: Send + Sync + 'static> KbMemo<K, V> {
    /// The value for `key`, from `derive` the first time this KB is asked.
    pub fn get<Q>(kb: &Kb, key: &Q, derive: impl FnOnce() -> V) -> Arc<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let memo = kb.derived(|_| KbMemo::<K, V>(Mutex::new(HashMap::default())));
        let lock = || memo.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = lock().get(key) {
            return Arc::clone(found);
        }
        let value = Arc::new(derive());
        lock().insert(key.to_owned(), Arc::clone(&value));
        value
    }
}

/// The value of kind `V` for entity `id`, from `derive` the first time this KB is asked.
pub fn per_entity<V: Send + Sync + 'static>(
    kb: &Kb,
    id: EntityId,
    derive: impl FnOnce(&Entity) -> V,
) -> Arc<V> {
    KbMemo::<EntityId, V>::get(kb, &id, || derive(kb.entity(id)))
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
        let first = per_entity(&kb, id, derive);
        let second = per_entity(&kb, id, derive);
        assert_eq!(calls.get(), 1);
        assert_eq!(first.0, second.0);
        assert_eq!(first.0, "Moscow".len());
    }
}
