//! Generates the client from `spec.yaml` into `$OUT_DIR/client` on every build where the
//! spec changed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    generator::Builder::new().spec("spec.yaml").generate()?;
    Ok(())
}
