//! Custom field values as TOML: text as strings, numbers as integers or
//! floats, so that a script reading the file gets typed values.

use super::{field_error, DecodeError};
use crate::model::{check_stored_value, Decimal, FieldValue, MAX_FIELDS};
use std::collections::BTreeMap;

/// Returns the TOML values of `fields`: a number without a fraction as an
/// integer, one with a fraction as a float (exact: canonical decimals have
/// at most 15 significant digits).
pub(super) fn to_toml(fields: &BTreeMap<String, FieldValue>) -> BTreeMap<String, toml::Value> {
    fields
        .iter()
        .map(|(name, value)| {
            let value = match value {
                FieldValue::Text(text) => toml::Value::String(text.clone()),
                FieldValue::Number(n) => match n.as_i64() {
                    Some(i) => toml::Value::Integer(i),
                    None => toml::Value::Float(n.as_f64()),
                },
            };
            (name.clone(), value)
        })
        .collect()
}

/// Reads the values of a `fields` table, naming `context` and the field
/// on every error.
pub(super) fn from_toml(
    context: &str,
    fields: BTreeMap<String, toml::Value>,
) -> Result<BTreeMap<String, FieldValue>, DecodeError> {
    if fields.len() > MAX_FIELDS {
        return Err(DecodeError::Limit(format!(
            "{context}: {} custom fields, over the limit of {MAX_FIELDS}",
            fields.len()
        )));
    }
    fields
        .into_iter()
        .map(|(name, value)| {
            let at = format!("{context}.{name}");
            let value = match value {
                toml::Value::String(text) => FieldValue::Text(text),
                toml::Value::Integer(i) => FieldValue::Number(
                    Decimal::parse(&i.to_string()).map_err(|e| field_error(&at, e))?,
                ),
                toml::Value::Float(f) => {
                    FieldValue::Number(Decimal::from_f64(f).map_err(|e| field_error(&at, e))?)
                }
                other => {
                    return Err(field_error(
                        &at,
                        format!("`{other}` is neither text nor a number"),
                    ))
                }
            };
            check_stored_value(&name, &value).map_err(|e| field_error(context, e))?;
            Ok((name, value))
        })
        .collect()
}
