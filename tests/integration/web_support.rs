//! Steps shared by the tests of the HTML interface, done as a browser would: through forms.

use meent_testkit::{TestInstance, WebClient};

pub const PASSWORD: &str = "een lange zin als wachtwoord";

/// Sets up a fresh instance through /setup; returns the administrator's logged-in client.
/// The collective is `buurtkamer`, the administrator `beheer`.
pub async fn set_up(inst: &TestInstance) -> WebClient {
    let mut admin = WebClient::new(&inst.base).expect("client");
    admin.get("/setup").await.expect("setup page");
    let page = admin
        .post(
            "/setup",
            &[
                ("collective_display_name", "Buurtkamer Oost"),
                ("collective_name", "buurtkamer"),
                ("kind", "tenants_committee"),
                ("municipality", "Utrecht"),
                ("display_name", "Bea Beheer"),
                ("name", "beheer"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await
        .expect("setup");
    assert_eq!(page.status, 303, "{}", page.body);
    admin
}

/// Registers `name` (open registration) into `buurtkamer`; returns their logged-in client.
pub async fn register(inst: &TestInstance, name: &str) -> WebClient {
    let mut client = WebClient::new(&inst.base).expect("client");
    client.get("/register").await.expect("register page");
    let page = client
        .post(
            "/register",
            &[
                ("display_name", name),
                ("name", name),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("collective", "buurtkamer"),
            ],
        )
        .await
        .expect("register");
    assert_eq!(page.status, 303, "{}", page.body);
    client
}

/// Logs `name` (whose password is [`PASSWORD`]) in on `inst`; returns their client.
pub async fn log_in(inst: &TestInstance, name: &str) -> WebClient {
    let mut client = WebClient::new(&inst.base).expect("client");
    client.get("/login").await.expect("login page");
    let page = client
        .post("/login", &[("name", name), ("password", PASSWORD)])
        .await
        .expect("login");
    assert_eq!(page.status, 303, "{}", page.body);
    client
}

/// Publishes a public dilemma through /write; returns its local id.
pub async fn write_dilemma(client: &mut WebClient, title: &str) -> i64 {
    client.get("/write").await.expect("write page");
    let page = client
        .post(
            "/write",
            &[
                ("title", title),
                ("body", "Wie mag de sleutel hebben?"),
                ("theme", "keys_and_access"),
                ("theme", "running_a_community_building"),
                ("hashtags", "sleutelbeheer"),
                ("language", "nl"),
                ("visibility", "public"),
                ("action", "publish"),
            ],
        )
        .await
        .expect("write");
    assert_eq!(page.status, 303, "{}", page.body);
    let location = page.location().expect("a redirect to the dilemma");
    location
        .trim_start_matches("/d/")
        .parse()
        .unwrap_or_else(|_| panic!("unexpected location {location}"))
}
