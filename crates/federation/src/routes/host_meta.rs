use activitypub_federation::config::Data;
use actix_web::HttpResponse;
use meent_app::AppContext;

/// host-meta (RFC 6415), which some servers read before WebFinger.
pub(super) async fn host_meta(data: Data<AppContext>) -> HttpResponse {
    let mut template = data.urls().base().clone();
    template.set_path("/.well-known/webfinger");
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n  \
         <Link rel=\"lrdd\" template=\"{template}?resource={{uri}}\"/>\n\
         </XRD>\n"
    );
    HttpResponse::Ok()
        .content_type("application/xrd+xml; charset=utf-8")
        .body(body)
}
