//! OpenAPI defaults that the typed reader (`openapiv3`) gets wrong, written out in the JSON
//! before it reads the document, so later stages see what the spec means.

use serde_json::Value;

/// The HTTP methods of a path item.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Writes out every default the typed reading would get wrong.
pub fn apply(doc: &mut Value) {
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            for method in METHODS {
                if let Some(body) = item
                    .get_mut(*method)
                    .and_then(|op| op.get_mut("requestBody"))
                {
                    form_explode(body);
                }
            }
        }
    }
    if let Some(bodies) = doc
        .pointer_mut("/components/requestBodies")
        .and_then(Value::as_object_mut)
    {
        bodies.values_mut().for_each(form_explode);
    }
}

/// A form body's property encoding in `form` style (the default style) explodes unless it
/// says `explode: false`; `openapiv3` reads a missing `explode` as `false` whatever the
/// style, so a missing one is written out as `true` where the style is `form`.
fn form_explode(body: &mut Value) {
    let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    for (media, media_type) in content.iter_mut() {
        let essence = media.split(';').next().unwrap_or("").trim();
        if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            continue;
        }
        let Some(encoding) = media_type
            .get_mut("encoding")
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        for property in encoding.values_mut() {
            let Some(property) = property.as_object_mut() else {
                continue;
            };
            let form_style = match property.get("style") {
                None => true,
                Some(style) => style == "form",
            };
            if form_style && !property.contains_key("explode") {
                property.insert("explode".into(), Value::Bool(true));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn a_form_style_without_explode_explodes_and_the_rest_is_left_alone() {
        let mut doc = json!({
            "paths": {"/a": {"post": {"requestBody": {"content": {
                "application/x-www-form-urlencoded": {"encoding": {
                    "tags": {},
                    "ids": {"style": "form", "explode": false},
                    "codes": {"style": "pipeDelimited"},
                    "meta": {"style": "deepObject", "explode": true},
                }},
                "application/json": {"encoding": {"tags": {}}},
            }}}}},
            "components": {"requestBodies": {"B": {"content": {
                "application/x-www-form-urlencoded; charset=utf-8": {"encoding": {"x": {"style": "form"}}},
            }}}},
        });
        super::apply(&mut doc);
        let form = &doc["paths"]["/a"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
            ["encoding"];
        assert_eq!(form["tags"], json!({"explode": true}));
        assert_eq!(form["ids"], json!({"style": "form", "explode": false}));
        assert_eq!(form["codes"], json!({"style": "pipeDelimited"}));
        assert_eq!(
            form["meta"],
            json!({"style": "deepObject", "explode": true})
        );
        let json_body = &doc["paths"]["/a"]["post"]["requestBody"]["content"]["application/json"];
        assert_eq!(json_body["encoding"]["tags"], json!({}));
        let component = &doc["components"]["requestBodies"]["B"]["content"]["application/x-www-form-urlencoded; charset=utf-8"]
            ["encoding"]["x"];
        assert_eq!(component, &json!({"style": "form", "explode": true}));
    }
}
