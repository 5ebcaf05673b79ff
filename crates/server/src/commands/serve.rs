use meent_server::{Config, start};

pub async fn serve(config: &Config) -> anyhow::Result<()> {
    let instance = start(config, None).await?;
    let url = config.public_url()?;
    eprintln!("Meent is running at {url} (listening on {})", instance.addr);
    let handle = instance.handle();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("stopping …");
            handle.stop(true).await;
        }
    });
    instance.wait().await
}
