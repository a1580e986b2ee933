//! Recursion through a field that holds its type directly (`struct Node { parent:
//! Option<Node> }`) would give a type of infinite size. This pass finds every cycle of
//! direct containment (fields and enum payloads, looking through `Option` but not through
//! `Vec` or maps, which are already indirect) and boxes the references that close it.

use crate::ir::{TypeDef, TypeId, TypeKind, TypeRef};

/// Boxes the direct references between types of one strongly connected component.
pub fn box_recursion(types: &mut [TypeDef]) {
    let edges: Vec<Vec<usize>> = types.iter().map(|t| direct_targets(&t.kind)).collect();
    let component = strongly_connected(&edges);
    for (i, def) in types.iter_mut().enumerate() {
        let recursive = |target: usize| component[target] == component[i];
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields.iter_mut() {
                    box_direct(&mut f.ty, &recursive);
                }
            }
            TypeKind::Untagged { variants } => variants
                .iter_mut()
                .for_each(|(_, t)| box_direct(t, &recursive)),
            TypeKind::Tagged { variants, .. } => variants
                .iter_mut()
                .for_each(|v| box_direct(&mut v.ty, &recursive)),
            TypeKind::Enum { .. } | TypeKind::Alias(_) => {}
        }
    }
}

/// The types a definition holds directly (not behind `Vec`, map or `Box`).
fn direct_targets(kind: &TypeKind) -> Vec<usize> {
    let mut out = Vec::new();
    let mut visit = |t: &TypeRef| {
        if let Some(TypeId(id)) = direct(t) {
            out.push(id);
        }
    };
    match kind {
        TypeKind::Struct { fields, .. } => fields.iter().for_each(|f| visit(&f.ty)),
        TypeKind::Untagged { variants } => variants.iter().for_each(|(_, t)| visit(t)),
        TypeKind::Tagged { variants, .. } => variants.iter().for_each(|v| visit(&v.ty)),
        // An alias is its target: a field of the alias's type holds the target directly.
        TypeKind::Alias(id) => visit(&TypeRef::Named(*id)),
        TypeKind::Enum { .. } => {}
    }
    out
}

fn direct(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Option(inner) => direct(inner),
        _ => None,
    }
}

fn box_direct(ty: &mut TypeRef, recursive: &dyn Fn(usize) -> bool) {
    match ty {
        TypeRef::Named(id) if recursive(id.0) => {
            *ty = TypeRef::Boxed(Box::new(TypeRef::Named(*id)))
        }
        TypeRef::Option(inner) => box_direct(inner, recursive),
        _ => {}
    }
}

/// Tarjan's algorithm, iterative (no recursion, so deep type graphs cannot overflow the
/// stack): the component number of every node. A node alone is its own component; it is
/// recursive only if it has an edge to itself, which `box_recursion` sees as the same
/// component number.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut stack, mut component, mut next_index, mut next_component) =
        (Vec::new(), vec![usize::MAX; n], 0, 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_group_cycles_only() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 3 is a self-loop; 4 → 0 is not in the cycle.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[4], c[0]);
        assert_ne!(c[3], c[0]);
    }
}
