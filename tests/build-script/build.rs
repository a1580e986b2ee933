//! Generates the client from `spec.yaml` into `$OUT_DIR/client` on every build where the
//! spec changed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The spec wraps results in Cloudflare's envelope, which Cloudflare's dialect unwraps.
    generator::Builder::new()
        .spec("spec.yaml")
        .dialect(generator::dialect::Choice::Cloudflare)
        .generate()?;
    Ok(())
}
