//! The one table that decides what each kind of change means for users of the generated
//! crate: its semver level and the one-line reason shown next to it.
//!
//! The levels follow how the generated code behaves today (see the README, "When the spec
//! changes"): path arguments are positional, query and header parameters are one `params`
//! struct, structs and enums are `#[non_exhaustive]` (built with `new` and setters). Change
//! the table (or [`EXHAUSTIVE_MODELS`]) when the generated code changes.

use serde::Serialize;

/// Whether generated structs have only public fields and enums are exhaustive (no
/// `#[non_exhaustive]`): then a new field or variant breaks struct literals and exhaustive
/// `match`es, so growth is a major change. Generated models are `#[non_exhaustive]`, built
/// with `new` and setters, so growth is minor.
pub const EXHAUSTIVE_MODELS: bool = false;

/// What a change means for the version of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing a caller wrote stops compiling or working.
    Patch,
    /// New API; existing code keeps compiling.
    Minor,
    /// Code that compiled (or calls that worked) before may not any more: breaking.
    Major,
}

impl Level {
    /// `patch`, `minor`, `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

/// A kind of change. The order is the order of [`RULES`] and of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// An operationId only the old spec has.
    OperationRemoved,
    /// A removed and an added operation with the same method and path shape.
    OperationRenamed,
    /// An operationId only the new spec has.
    OperationAdded,
    /// The first tag changed: the method moves to another handle.
    TagChanged,
    /// The HTTP method changed.
    MethodChanged,
    /// A literal segment of the path changed.
    PathChanged,
    /// A path parameter has another name in the same place.
    PathParameterRenamed,
    /// The path's parameters come in another order.
    PathParametersReordered,
    /// The path gained a parameter.
    PathParameterAdded,
    /// The path lost a parameter.
    PathParameterRemoved,
    /// A path parameter's Rust type changed.
    PathParameterRetyped,
    /// The operation became deprecated.
    OperationDeprecated,
    /// The operation is no longer deprecated.
    OperationUndeprecated,
    /// Credentials that satisfied the old security no longer satisfy the new one.
    SecurityNarrowed,
    /// The security changed, but credentials that worked before still work.
    SecurityWidened,
    /// The first query or header parameter: the method gains a `params` argument.
    ParamsArgumentAdded,
    /// The last query or header parameter went: the method loses its `params` argument.
    ParamsArgumentRemoved,
    /// A new optional query or header parameter.
    OptionalParameterAdded,
    /// A new required query or header parameter.
    RequiredParameterAdded,
    /// A query or header parameter went.
    ParameterRemoved,
    /// A query or header parameter's Rust type changed.
    ParameterRetyped,
    /// A query or header parameter became required.
    ParameterMadeRequired,
    /// A query or header parameter became optional.
    ParameterMadeOptional,
    /// A parameter moved between query and header.
    ParameterMoved,
    /// A parameter's enum gained values.
    ParameterEnumValueAdded,
    /// A parameter's enum lost values.
    ParameterEnumValueRemoved,
    /// The operation gained a request body: the method gains a `body` argument.
    BodyAdded,
    /// The operation lost its request body.
    BodyRemoved,
    /// The request body became required.
    BodyMadeRequired,
    /// The request body became optional.
    BodyMadeOptional,
    /// The request body's encoding (JSON, multipart, text, bytes) changed.
    BodyEncodingChanged,
    /// A new optional field in the request body.
    RequestFieldAdded,
    /// A new required field in the request body.
    RequiredRequestFieldAdded,
    /// A request body field went.
    RequestFieldRemoved,
    /// A request body field's (or the body's) Rust type changed.
    RequestFieldRetyped,
    /// A request body field became required.
    RequestFieldMadeRequired,
    /// A request body field became optional.
    RequestFieldMadeOptional,
    /// An enum in the request body gained values.
    RequestEnumValueAdded,
    /// An enum in the request body lost values.
    RequestEnumValueRemoved,
    /// A union in the request body gained an alternative.
    RequestVariantAdded,
    /// A union in the request body lost an alternative.
    RequestVariantRemoved,
    /// An alternative of a union in the request body has another variant name.
    RequestVariantRenamed,
    /// What a successful call returns changed type.
    ResultRetyped,
    /// The result may now be absent: `T` became `Option<T>`.
    ResultMadeOptional,
    /// The result is now always there: `Option<T>` became `T`.
    ResultMadeRequired,
    /// A new field in the result.
    ResponseFieldAdded,
    /// A field of the result went.
    ResponseFieldRemoved,
    /// A field of the result changed type.
    ResponseFieldRetyped,
    /// A field of the result became optional.
    ResponseFieldMadeOptional,
    /// A field of the result became required.
    ResponseFieldMadeRequired,
    /// An enum in the result gained values.
    ResponseEnumValueAdded,
    /// An enum in the result lost values.
    ResponseEnumValueRemoved,
    /// A union in the result gained an alternative.
    ResponseVariantAdded,
    /// A union in the result lost an alternative.
    ResponseVariantRemoved,
    /// An alternative of a union in the result has another variant name.
    ResponseVariantRenamed,
    /// Required or optional changed, but the Rust type is the same (an `Option` either way).
    RequirednessChangedSameType,
    /// A `Credentials` constructor went (no operation uses its requirement any more).
    CredentialsRemoved,
    /// A new `Credentials` constructor.
    CredentialsAdded,
    /// The first server's URL (`DEFAULT_BASE_URL`) changed.
    BaseUrlChanged,
}

/// A row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The kind of change.
    pub class: Class,
    /// What it means for the crate's version.
    pub level: Level,
    /// Why, in one line, for users of the generated crate.
    pub reason: &'static str,
}

/// A field or variant more in a struct or enum.
const GROWTH: Level = if EXHAUSTIVE_MODELS {
    Level::Major
} else {
    Level::Minor
};
const FIELD_GROWTH: &str = if EXHAUSTIVE_MODELS {
    "a struct with public fields gains one: struct literals of it stop compiling"
} else {
    "a non-exhaustive struct gains a field: existing code keeps compiling"
};
const VARIANT_GROWTH: &str = if EXHAUSTIVE_MODELS {
    "an exhaustive enum gains a variant: `match`es without a `_` arm stop compiling"
} else {
    "a non-exhaustive enum gains a variant: existing code keeps compiling"
};

const fn rule(class: Class, level: Level, reason: &'static str) -> Rule {
    Rule {
        class,
        level,
        reason,
    }
}

use Class::*;
use Level::*;

/// Every class, in [`Class`] order.
pub const RULES: &[Rule] = &[
    rule(OperationRemoved, Major, "the method is gone"),
    rule(
        OperationRenamed,
        Major,
        "the method's name comes from the operationId: callers must use the new name",
    ),
    rule(OperationAdded, Minor, "a new method"),
    rule(
        TagChanged,
        Major,
        "the method moves to another handle (`Client` accessor) and module",
    ),
    rule(
        MethodChanged,
        Patch,
        "same method and arguments; the call now sends the new HTTP method",
    ),
    rule(
        PathChanged,
        Patch,
        "same method and arguments; the call now goes to the new path",
    ),
    rule(
        PathParameterRenamed,
        Patch,
        "path arguments are positional: only the argument's name changes",
    ),
    rule(
        PathParametersReordered,
        Major,
        "path arguments are positional: existing calls would pass them in the wrong places",
    ),
    rule(PathParameterAdded, Major, "the method gains an argument"),
    rule(PathParameterRemoved, Major, "the method loses an argument"),
    rule(PathParameterRetyped, Major, "the argument's type changes"),
    rule(
        OperationDeprecated,
        Minor,
        "the method is marked `#[deprecated]`: callers get a warning",
    ),
    rule(
        OperationUndeprecated,
        Patch,
        "the `#[deprecated]` mark goes",
    ),
    rule(
        SecurityNarrowed,
        Major,
        "credentials that worked before are not accepted: calls fail with `MissingCredentials`",
    ),
    rule(
        SecurityWidened,
        Patch,
        "credentials that worked before still work",
    ),
    rule(
        ParamsArgumentAdded,
        Major,
        "the method gains a `params` argument",
    ),
    rule(
        ParamsArgumentRemoved,
        Major,
        "the method loses its `params` argument",
    ),
    rule(OptionalParameterAdded, GROWTH, FIELD_GROWTH),
    rule(
        RequiredParameterAdded,
        Major,
        "the params struct gains a field callers must set",
    ),
    rule(
        ParameterRemoved,
        Major,
        "a field of the params struct is gone",
    ),
    rule(
        ParameterRetyped,
        Major,
        "a field of the params struct changes type",
    ),
    rule(
        ParameterMadeRequired,
        Major,
        "a params field changes from `Option<T>` to `T`",
    ),
    rule(
        ParameterMadeOptional,
        Major,
        "a params field changes from `T` to `Option<T>`",
    ),
    rule(
        ParameterMoved,
        Patch,
        "same field; it is now sent in another place",
    ),
    rule(ParameterEnumValueAdded, GROWTH, VARIANT_GROWTH),
    rule(ParameterEnumValueRemoved, Major, "an enum variant is gone"),
    rule(BodyAdded, Major, "the method gains a `body` argument"),
    rule(BodyRemoved, Major, "the method loses its `body` argument"),
    rule(
        BodyMadeRequired,
        Major,
        "the `body` argument changes from `Option<&T>` to `&T`",
    ),
    rule(
        BodyMadeOptional,
        Major,
        "the `body` argument changes from `&T` to `Option<&T>`",
    ),
    rule(
        BodyEncodingChanged,
        Major,
        "the `body` argument changes type (JSON, form, multipart, text or bytes)",
    ),
    rule(RequestFieldAdded, GROWTH, FIELD_GROWTH),
    rule(
        RequiredRequestFieldAdded,
        Major,
        "a new field callers must set",
    ),
    rule(
        RequestFieldRemoved,
        Major,
        "a field callers may set is gone",
    ),
    rule(RequestFieldRetyped, Major, "the field's type changes"),
    rule(
        RequestFieldMadeRequired,
        Major,
        "the field changes from `Option<T>` to `T`",
    ),
    rule(
        RequestFieldMadeOptional,
        Major,
        "the field changes from `T` to `Option<T>`",
    ),
    rule(RequestEnumValueAdded, GROWTH, VARIANT_GROWTH),
    rule(RequestEnumValueRemoved, Major, "an enum variant is gone"),
    rule(RequestVariantAdded, GROWTH, VARIANT_GROWTH),
    rule(RequestVariantRemoved, Major, "a union variant is gone"),
    rule(
        RequestVariantRenamed,
        Major,
        "a union variant has another name (its schema's name changed)",
    ),
    rule(ResultRetyped, Major, "the method returns another type"),
    rule(
        ResultMadeOptional,
        Major,
        "the method returns `Option<T>` instead of `T`",
    ),
    rule(
        ResultMadeRequired,
        Major,
        "the method returns `T` instead of `Option<T>`",
    ),
    rule(ResponseFieldAdded, GROWTH, FIELD_GROWTH),
    rule(
        ResponseFieldRemoved,
        Major,
        "code that reads the field stops compiling",
    ),
    rule(ResponseFieldRetyped, Major, "the field's type changes"),
    rule(
        ResponseFieldMadeOptional,
        Major,
        "the field changes from `T` to `Option<T>`",
    ),
    rule(
        ResponseFieldMadeRequired,
        Major,
        "the field changes from `Option<T>` to `T`",
    ),
    rule(ResponseEnumValueAdded, GROWTH, VARIANT_GROWTH),
    rule(ResponseEnumValueRemoved, Major, "an enum variant is gone"),
    rule(ResponseVariantAdded, GROWTH, VARIANT_GROWTH),
    rule(ResponseVariantRemoved, Major, "a union variant is gone"),
    rule(
        ResponseVariantRenamed,
        Major,
        "a union variant has another name (its schema's name changed)",
    ),
    rule(
        RequirednessChangedSameType,
        Patch,
        "the Rust type is an `Option` either way",
    ),
    rule(
        CredentialsRemoved,
        Major,
        "a `Credentials` constructor is gone",
    ),
    rule(CredentialsAdded, Minor, "a new `Credentials` constructor"),
    rule(
        BaseUrlChanged,
        Patch,
        "`DEFAULT_BASE_URL` changes; clients that set a base URL are not affected",
    ),
];

impl Class {
    /// This class's row of [`RULES`].
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The class's name in reports: `response-field-removed`.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// The table as Markdown (the README holds it; a test keeps the two the same).
pub fn markdown_table() -> String {
    let mut out = String::from("| change | level | why |\n|---|---|---|\n");
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.class.name(),
            r.level.as_str(),
            r.reason.replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_its_own_row_in_order() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.class as usize, i, "{:?} is out of place", r.class);
        }
        assert_eq!(
            BaseUrlChanged as usize + 1,
            RULES.len(),
            "a class has no row"
        );
    }

    #[test]
    fn class_names_are_kebab_case() {
        assert_eq!(ResponseFieldRemoved.name(), "response-field-removed");
        assert_eq!(
            RequirednessChangedSameType.rule().level,
            Patch,
            "an Option either way"
        );
    }
}
