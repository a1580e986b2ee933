//! Tagged unions: a generated enum reads its tag property to choose the variant, never
//! trying the alternatives, and writes the tag back when it is encoded. A value whose tag
//! the enum does not know is kept whole, as the catch-all variant's JSON value.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::Value;

/// The value, buffered once, and its tag: the string at `property`, when the value is an
/// object that has one.
pub(crate) fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    property: &str,
) -> Result<(Option<String>, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let tag = value
        .as_object()
        .and_then(|members| members.get(property))
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok((tag, value))
}

/// The payload of the variant the tag chose: the value without its tag, which the enum
/// holds, decoded as the variant's type.
pub(crate) fn payload<T: DeserializeOwned, E: serde::de::Error>(
    mut value: Value,
    property: &str,
) -> Result<T, E> {
    if let Value::Object(members) = &mut value {
        members.remove(property);
    }
    T::deserialize(value).map_err(E::custom)
}

/// The payload of the variant the tag chose, whose type has the tag as a field of its own
/// (a component listed as it is): decoded from the whole value.
pub(crate) fn whole<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// A variant encoded as its payload's object with the tag set (added, or, where the
/// payload has a tag field of its own, made the variant's).
pub(crate) fn write<S: Serializer, T: Serialize>(
    serializer: S,
    property: &str,
    tag: &str,
    payload: &T,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(payload).map_err(S::Error::custom)?;
    match &mut value {
        Value::Object(members) => {
            members.insert(property.to_string(), Value::String(tag.to_string()));
        }
        _ => {
            return Err(S::Error::custom(format!(
                "the `{tag}` variant's value is not a JSON object, so it cannot carry its tag `{property}`"
            )));
        }
    }
    value.serialize(serializer)
}
