//! Stage 4's output: the API as plain data, every name already made.
//!
//! Emission reads this and nothing else, and cannot fail: whatever could go wrong (a name
//! collision, an unsupported content type) was decided while lowering.

use serde_json::Value;

/// The whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    /// The generated package's name, such as `generated-client`.
    pub crate_name: String,
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`.
    pub version: String,
    /// The first server's URL.
    pub default_base_url: String,
    /// Every named type.
    pub types: Vec<TypeDef>,
    /// Operations grouped by tag, groups sorted by name.
    pub groups: Vec<Group>,
    /// Areas of the API (a module and a Cargo feature each), sorted by name.
    pub areas: Vec<Area>,
    /// The security schemes operations refer to.
    pub schemes: Vec<SecurityScheme>,
    /// Constructors of `Credentials`, one per distinct security requirement.
    pub credential_sets: Vec<CredentialSet>,
    /// crates.io keywords the dialect adds (`cloudflare`).
    pub keywords: Vec<String>,
    /// What a call does when the configured credentials do not meet its requirement.
    pub credential_policy: CredentialPolicy,
    /// The response header that carries the API's id of a request, if it has one.
    pub request_id_header: Option<String>,
}

/// What a call does when the configured credentials do not satisfy the operation's
/// declared security requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialPolicy {
    /// Refuse before sending (`MissingCredentials`): the spec is taken at its word.
    Strict,
    /// Send the configured credentials anyway (a bearer token first) and let the server
    /// decide: for an API whose spec under-declares what it accepts. No credentials at all
    /// is still refused.
    SendConfigured,
}

impl Api {
    /// The definition of type `id`, through an alias to the type it names.
    pub fn definition(&self, id: TypeId) -> &TypeDef {
        match &self.types[id.0].kind {
            TypeKind::Alias(target) => &self.types[target.0],
            _ => &self.types[id.0],
        }
    }
}

/// An index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A type as used in a field, parameter or result.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A generated type.
    Named(TypeId),
    /// A built-in type.
    Prim(Prim),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Option<T>`.
    Option(Box<TypeRef>),
    /// `Box<T>`, to break recursion.
    Boxed(Box<TypeRef>),
}

/// Built-in types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Prim {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u8`.
    U8,
    /// `u16`.
    U16,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `f64`.
    F64,
    /// `jiff::Timestamp`, for `format: date-time`.
    Timestamp,
    /// `serde_json::Value`, for schemas with no type.
    Value,
    /// `()`, for an envelope whose `result` is always null or absent.
    Unit,
    /// Raw bytes (`Vec<u8>`), for binary bodies.
    Bytes,
}

/// Documentation taken from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// `summary`, for operations.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `example`.
    pub example: Option<Value>,
    /// `deprecated: true`.
    pub deprecated: bool,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust name (UpperCamelCase).
    pub name: String,
    /// Where the type is emitted.
    pub home: Home,
    /// Documentation.
    pub docs: Docs,
    /// What the type is.
    pub kind: TypeKind,
    /// Whether the type is sent in requests (it then needs `Serialize`, and `Default` helps).
    pub sent: bool,
    /// Whether some response holds it: a struct then keeps the members it does not declare.
    pub received: bool,
    /// Whether it is sent as a `multipart/form-data` body (it then gets a parts encoder).
    pub multipart: bool,
}

/// The module a type is emitted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Home {
    /// `types`: used by several areas, compiled whatever features are on.
    Shared,
    /// `<area>::types`: used by several groups of one area.
    Area(usize),
    /// The module of the one group that uses it.
    Group(usize),
}

/// A part of the API behind its own Cargo feature: the groups whose paths share a first
/// product segment (`/zones/{zone_id}/access/...` is `access`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The module and feature name (snake_case).
    pub module: String,
    /// The path segment it was named after.
    pub segment: String,
    /// Indices of its groups (none for a module of component types only).
    pub groups: Vec<usize>,
    /// Other areas whose types its own use (their features are turned on with its own).
    pub requires: Vec<usize>,
    /// The accessor on `Client` ("" for an area of component types only).
    pub accessor: String,
    /// The type the accessor returns: the handle of its main group, or one of its own that
    /// only reaches the groups.
    pub handle: String,
    /// The group whose operations are on the area's handle itself (its tag says nothing
    /// beyond the area's name: "Zone" in `zones`); the others hang off it by accessors.
    pub main: Option<usize>,
}

/// The shapes a named type can take.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct {
        /// Fields in spec order.
        fields: Vec<Field>,
        /// `additionalProperties`: the type of extra members, kept in a map.
        extra: Option<TypeRef>,
    },
    /// A string enum; unknown values decode into a catch-all variant.
    Enum {
        /// Variants in spec order.
        variants: Vec<Variant>,
    },
    /// An untagged enum: the first variant that decodes wins.
    Untagged {
        /// Variant names and their types.
        variants: Vec<(String, TypeRef)>,
    },
    /// An enum told apart by a tag property (a oneOf discriminator, or a property every
    /// alternative pins to a value of its own): the tag is read first, and chooses the
    /// variant; an unknown tag keeps the value as JSON.
    Tagged {
        /// The wire name of the tag property.
        tag: String,
        /// The variants, in spec order.
        variants: Vec<TaggedVariant>,
    },
    /// Another name for a type of the same module with the same structure, so that each
    /// origin keeps its own name (`pub type GetThingResult = UpdateThingResult;`).
    Alias(TypeId),
}

/// A variant of a [`TypeKind::Tagged`] enum.
#[derive(Debug, Clone)]
pub struct TaggedVariant {
    /// The variant's name, and its tag value on the wire.
    pub name: Variant,
    /// What it holds.
    pub ty: TypeRef,
    /// Whether that type has the tag as a field of its own (a component used as it is):
    /// then the tag is left in the value it decodes from. Otherwise the enum holds the tag.
    pub holds_tag: bool,
}

/// A name pair: the Rust name and the name on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The Rust name.
    pub rust: String,
    /// The JSON value.
    pub wire: String,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Rust name (snake_case, raw identifier where needed).
    pub rust: String,
    /// The JSON property name.
    pub wire: String,
    /// The field's type, without the `Option` that `optional` adds.
    pub ty: TypeRef,
    /// Not required, or nullable: the field is an `Option`.
    pub optional: bool,
    /// Required but nullable: `None` is sent as `null` rather than left out.
    pub send_null: bool,
    /// `maxLength` of a string field.
    pub max_length: Option<u64>,
    /// Documentation.
    pub docs: Docs,
}

/// Operations that share a tag; becomes a module and a handle type.
#[derive(Debug, Clone)]
pub struct Group {
    /// The tag as written in the spec; for operations without a tag, the area segment of
    /// their paths (`charges`), which then names the group.
    pub tag: String,
    /// Whether the operations have no tag in the spec (the group is named after their paths).
    pub untagged: bool,
    /// The module name (snake_case).
    pub module: String,
    /// The handle type's name (UpperCamelCase).
    pub handle: String,
    /// Its accessor on its area's handle (`dns` of "Radar DNS" in `radar`); for the area's
    /// main group, the area's accessor on `Client`.
    pub accessor: String,
    /// How a user reaches the handle from a `Client`: `radar().dns()`, `zones()`.
    pub call: String,
    /// The index of its area in [`Api::areas`].
    pub area: usize,
    /// Operations sorted by method name.
    pub operations: Vec<Operation>,
}

/// One operation: one method.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId` (or one made from method and path when the spec has none).
    pub id: String,
    /// The method's name (snake_case).
    pub method_name: String,
    /// The HTTP method, upper case.
    pub http_method: String,
    /// The path template, such as `/zones/{identifier}`.
    pub path: String,
    /// Documentation.
    pub docs: Docs,
    /// Path parameters in the order of the path template.
    pub path_params: Vec<Param>,
    /// Query and header parameters, gathered into one struct.
    pub params_struct: Option<ParamsStruct>,
    /// The request body.
    pub body: Option<Body>,
    /// What a successful response holds.
    pub response: Response,
    /// Alternatives of scheme names, any one of which authorizes the call; empty: none needed.
    pub security: Vec<Vec<String>>,
    /// How a list operation pages, when its envelope carries `result_info`.
    pub paging: Option<Paging>,
}

/// How a list operation selects a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paging {
    /// The `page` query parameter.
    Page,
    /// A cursor sent back in this query parameter.
    Cursor(String),
}

/// A method argument taken from a parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// The Rust name.
    pub rust: String,
    /// The name on the wire.
    pub wire: String,
    /// The argument's type.
    pub ty: TypeRef,
    /// `maxLength`, checked before sending.
    pub max_length: Option<u64>,
    /// Documentation: the parameter's description, else its schema's; the parameter's
    /// example, else its schema's (references followed).
    pub docs: Docs,
    /// What the schema says of the values, for the argument's documentation.
    pub constraints: Constraints,
}

/// What a schema says of its values beyond their Rust type, for documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    /// `format`, such as `uuid` or `date`.
    pub format: Option<String>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern`.
    pub pattern: Option<String>,
    /// `minimum`.
    pub minimum: Option<i64>,
    /// `maximum`.
    pub maximum: Option<i64>,
}

/// Query and header parameters of one operation, as one struct argument.
#[derive(Debug, Clone)]
pub struct ParamsStruct {
    /// The struct's type (a `TypeKind::Struct`).
    pub ty: TypeId,
    /// Per field (in the struct's order): where it goes.
    pub locations: Vec<ParamLocation>,
    /// Whether some field is required (the argument cannot simply be `Default`).
    pub any_required: bool,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the query string.
    Query,
    /// As a header.
    Header,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// The type the caller passes.
    pub ty: TypeRef,
    /// Whether it must be given.
    pub required: bool,
}

/// Request body encodings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON.
    Json,
    /// `multipart/form-data`, each field a part.
    Multipart,
    /// Raw bytes with the given content type.
    Bytes(String),
    /// Text with the given content type.
    Text(String),
    /// `application/x-www-form-urlencoded`: the properties as `name=value` pairs, each in
    /// OpenAPI's `form` style with `explode: true` unless listed here (from the spec's
    /// `encoding` map, by wire name).
    Form(Vec<(String, FormStyle)>),
}

/// How one property of a form body is encoded (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStyle {
    /// `form` with `explode: true` (the default): a list repeats the name, an object sends
    /// each member under its own name.
    Form,
    /// `form` with `explode: false`: a list or object as one comma-separated value.
    FormNotExploded,
    /// A list as one space-separated value.
    SpaceDelimited,
    /// A list as one `|`-separated value.
    PipeDelimited,
    /// Nested members and items in brackets: `metadata[plan]=pro`, `items[0][price]=p1`.
    DeepObject,
}

/// What a successful response holds, and how the method returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// A Cloudflare envelope; the method returns `result` of this type.
    Envelope(TypeRef),
    /// Plain JSON of this type.
    Json(TypeRef),
    /// Text.
    Text,
    /// Bytes.
    Bytes,
    /// No body.
    Empty,
}

/// A security scheme from `components/securitySchemes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's key, such as `api_key`.
    pub name: String,
    /// The Rust constant's name, such as `API_KEY`.
    pub constant: String,
    /// How the credential is sent.
    pub kind: SchemeKind,
    /// `description`.
    pub description: Option<String>,
    /// The environment variable `Credentials::from_env` reads it from.
    pub env_var: String,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// In a header of this name (`apiKey` in a header).
    Header(String),
    /// In a query parameter of this name (`apiKey` in the query).
    Query(String),
    /// In a cookie of this name (`apiKey` in a cookie).
    Cookie(String),
    /// As `Authorization: Bearer <token>`: HTTP bearer, and OAuth2 and OpenID Connect, whose
    /// token the user obtains and supplies.
    Bearer(BearerSource),
    /// As `Authorization: Basic <base64 of user:password>`.
    Basic,
}

/// Which kind of scheme a bearer token comes from (for the docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerSource {
    /// `type: http, scheme: bearer`.
    Http,
    /// `type: oauth2`: an access token obtained with one of its flows.
    OAuth2,
    /// `type: openIdConnect`: an access token from the provider.
    OpenIdConnect,
}

/// A constructor of `Credentials` for one security requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialSet {
    /// The constructor's name.
    pub constructor: String,
    /// The schemes it fills, in requirement order: the scheme's name and its arguments'
    /// names (one, or the user name and password of a basic scheme).
    pub schemes: Vec<(String, Vec<String>)>,
}
