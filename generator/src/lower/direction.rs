//! Whether a schema reads differently in a request than in a response: it has readOnly or
//! writeOnly properties, or holds (through properties, items, alternatives or `$ref`s) a
//! schema that has. Such a component is two types, `Record` and `RecordRequest`; every
//! other component is one type both ways.

use std::collections::HashMap;

use crate::flatten::Flattener;
use crate::flatten::shape::{Kind, Shape};

/// The answers for components, computed once each, on first use.
#[derive(Default)]
pub struct Directions {
    /// Final answers by component name.
    known: HashMap<String, bool>,
    /// Components being looked into, outermost first (a cycle meets one of them again).
    open: Vec<String>,
}

impl Directions {
    /// Whether `shape` differs between requests and responses.
    pub fn of(&mut self, f: &mut Flattener<'_>, shape: &Shape) -> bool {
        self.visit(f, shape).0
    }

    /// The answer, and the outermost open component it assumed `false` for (a cycle): an
    /// answer that assumed so is final only once that component is answered.
    fn visit(&mut self, f: &mut Flattener<'_>, shape: &Shape) -> (bool, Option<usize>) {
        let mut assumed: Option<usize> = None;
        let mut any = |this: &mut Self, f: &mut Flattener<'_>, s: &Shape| {
            let (yes, a) = this.visit(f, s);
            if let Some(a) = a {
                assumed = Some(assumed.map_or(a, |b: usize| b.min(a)));
            }
            yes
        };
        let yes = match &shape.kind {
            Kind::Ref(name) => return self.component(f, name),
            Kind::Object(o) => {
                o.properties
                    .values()
                    .any(|p| p.meta.read_only || p.meta.write_only)
                    || o.properties.values().any(|p| any(self, f, p))
                    || o.additional.as_deref().is_some_and(|v| any(self, f, v))
            }
            Kind::Array(a) => any(self, f, &a.items),
            Kind::Union(alternatives) => alternatives.iter().any(|s| any(self, f, s)),
            Kind::Tagged(t) => t.variants.iter().any(|v| any(self, f, &v.shape)),
            _ => false,
        };
        // `true` holds whatever a cycle turns out to be.
        (yes, if yes { None } else { assumed })
    }

    fn component(&mut self, f: &mut Flattener<'_>, name: &str) -> (bool, Option<usize>) {
        if let Some(&yes) = self.known.get(name) {
            return (yes, None);
        }
        if let Some(at) = self.open.iter().position(|n| n == name) {
            return (false, Some(at));
        }
        let Some(body) = f.component(name) else {
            return (false, None);
        };
        let at = self.open.len();
        self.open.push(name.to_string());
        let (yes, assumed) = self.visit(f, &body);
        self.open.pop();
        // Assumptions about this component itself are settled now; ones about a component
        // further out are not, so the answer is not kept.
        let assumed = assumed.filter(|&a| a < at);
        if assumed.is_none() {
            self.known.insert(name.to_string(), yes);
        }
        (yes, assumed)
    }
}
