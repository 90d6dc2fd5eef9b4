//! What a chain command found out, printed for people (aligned lines) or as JSON.

use serde_json::{Map, Value as Json};

use crate::style::heading;

/// Named results in the order they were learnt.
#[derive(Default)]
pub struct Report {
    /// Key (camelCase, as in the JSON output), value, and whether the key is a list.
    entries: Vec<(&'static str, Json, bool)>,
}

impl Report {
    /// Records `key`, replacing an earlier value in place.
    pub fn set(&mut self, key: &'static str, value: impl Into<Json>) {
        let value = value.into();
        match self.entries.iter_mut().find(|(k, _, list)| *k == key && !list) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value, false)),
        }
    }

    /// Adds an item to the list `key` (plural: `events`).
    pub fn push(&mut self, key: &'static str, value: impl Into<Json>) {
        self.entries.push((key, value.into(), true));
    }

    /// Prints the report on stdout.
    pub fn print(&self, json: bool) {
        if json {
            let mut map = Map::new();
            for (key, value, list) in &self.entries {
                match map.get_mut(*key) {
                    Some(Json::Array(items)) if *list => items.push(value.clone()),
                    _ if *list => {
                        map.insert(key.to_string(), Json::Array(vec![value.clone()]));
                    }
                    _ => {
                        map.insert(key.to_string(), value.clone());
                    }
                }
            }
            println!("{}", Json::Object(map));
            return;
        }
        for (key, value, list) in &self.entries {
            let text = match value {
                Json::String(s) => s.clone(),
                Json::Object(map) => map
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "{} {}",
                            label(k, false),
                            v.as_str().map_or(v.to_string(), str::to_string)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            println!("{} {text}", heading(&format!("{:>16}", label(key, *list))));
        }
    }
}

/// `gasRequired` → `gas required`; list keys (`events`) → singular.
fn label(key: &str, list: bool) -> String {
    let key = if list { key.strip_suffix('s').unwrap_or(key) } else { key };
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_words() {
        assert_eq!(label("gasRequired", false), "gas required");
        assert_eq!(label("events", true), "event");
        assert_eq!(label("address", false), "address");
    }

    #[test]
    fn set_replaces_and_push_appends() {
        let mut r = Report::default();
        r.set("contract", "a");
        r.push("events", "e1");
        r.set("contract", "b");
        r.push("events", "e2");
        assert_eq!(r.entries.len(), 3);
        assert_eq!(r.entries[0].1, "b");
    }
}
