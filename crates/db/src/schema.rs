//! Diesel table definitions, shared by both backends. Keep in step with `migrations/`.

diesel::table! {
    site (id) {
        id -> BigInt,
        ap_id -> Text,
        name -> Text,
        public_key -> Text,
        private_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    local_handles (name) {
        name -> Text,
        kind -> Text,
    }
}

diesel::table! {
    collectives (id) {
        id -> BigInt,
        ap_id -> Text,
        local -> Bool,
        name -> Text,
        display_name -> Text,
        summary -> Text,
        kind -> Text,
        municipality -> Nullable<Text>,
        neighbourhood -> Nullable<Text>,
        languages -> Text,
        open -> Bool,
        inbox_url -> Text,
        shared_inbox_url -> Nullable<Text>,
        outbox_url -> Nullable<Text>,
        followers_url -> Nullable<Text>,
        public_key -> Text,
        private_key -> Nullable<Text>,
        last_refreshed_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    members (id) {
        id -> BigInt,
        ap_id -> Text,
        local -> Bool,
        name -> Text,
        display_name -> Text,
        summary -> Text,
        inbox_url -> Text,
        shared_inbox_url -> Nullable<Text>,
        public_key -> Text,
        private_key -> Nullable<Text>,
        is_admin -> Bool,
        last_refreshed_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    memberships (member_id, collective_id) {
        member_id -> BigInt,
        collective_id -> BigInt,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    follows (id) {
        id -> BigInt,
        follower_id -> BigInt,
        collective_id -> BigInt,
        state -> Text,
        activity_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        member_id -> BigInt,
        token_hash -> Text,
        label -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    received_activities (ap_id) {
        ap_id -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        activity_id -> Text,
        activity -> Text,
        created_at -> Timestamp,
        fanned_out_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    deliveries (id) {
        id -> BigInt,
        outbox_id -> BigInt,
        inbox_url -> Text,
        host -> Text,
        signer_ap_id -> Text,
        payload -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        leased_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    dilemmas (id) {
        id -> BigInt,
        ap_id -> Text,
        local -> Bool,
        collective_id -> BigInt,
        author_id -> BigInt,
        title -> Text,
        source -> Text,
        content -> Text,
        language -> Text,
        visibility -> Text,
        status -> Text,
        themes -> Text,
        hashtags -> Text,
        facets -> Text,
        published -> Timestamp,
        updated -> Nullable<Timestamp>,
        deleted -> Bool,
        created_at -> Timestamp,
        /// The `context` collection a remote dilemma names (migration 000008).
        context_url -> Nullable<Text>,
        /// The solutions its server says are accepted, one id per line (migration 000014).
        accepted_remote -> Text,
    }
}

diesel::table! {
    replies (id) {
        id -> BigInt,
        ap_id -> Text,
        local -> Bool,
        kind -> Text,
        dilemma_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        author_id -> BigInt,
        speaks_for -> Nullable<Text>,
        source -> Text,
        content -> Text,
        from_experience -> Bool,
        accepted -> Bool,
        published -> Timestamp,
        updated -> Nullable<Timestamp>,
        deleted -> Bool,
        created_at -> Timestamp,
        from_meeting -> Nullable<Text>,
        content_warning -> Text,
        language -> Text,
    }
}

diesel::table! {
    confirmations (id) {
        id -> BigInt,
        ap_id -> Text,
        local -> Bool,
        solution_id -> BigInt,
        author_id -> BigInt,
        collective -> Text,
        account -> Text,
        facets -> Text,
        published -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    likes (id) {
        id -> BigInt,
        ap_id -> Text,
        actor_id -> BigInt,
        object_ap_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    instances (host) {
        host -> Text,
        failures -> Integer,
        dead_since -> Nullable<Timestamp>,
        last_success -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        failing_since -> Nullable<Timestamp>,
        retry_at -> Nullable<Timestamp>,
        given_up -> BigInt,
        software -> Nullable<Text>,
        refusals -> BigInt,
        last_refusal_at -> Nullable<Timestamp>,
        last_refusal -> Nullable<Text>,
    }
}

diesel::table! {
    search_changes (id) {
        id -> BigInt,
        dilemma_id -> BigInt,
        created_at -> Timestamp,
        /// A changed learning programme (then dilemma_id is 0; migration 000015).
        programme_id -> Nullable<BigInt>,
    }
}

diesel::joinable!(memberships -> members (member_id));
diesel::joinable!(dilemmas -> collectives (collective_id));
diesel::joinable!(dilemmas -> members (author_id));
diesel::joinable!(replies -> dilemmas (dilemma_id));
diesel::joinable!(replies -> members (author_id));
diesel::joinable!(confirmations -> replies (solution_id));
diesel::joinable!(confirmations -> members (author_id));
diesel::joinable!(likes -> members (actor_id));
diesel::joinable!(memberships -> collectives (collective_id));
diesel::joinable!(follows -> members (follower_id));
diesel::joinable!(follows -> collectives (collective_id));
diesel::joinable!(api_tokens -> members (member_id));
diesel::joinable!(deliveries -> outbox (outbox_id));

diesel::allow_tables_to_appear_in_same_query!(
    site,
    local_handles,
    collectives,
    members,
    memberships,
    follows,
    api_tokens,
    received_activities,
    outbox,
    deliveries,
    dilemmas,
    replies,
    confirmations,
    likes,
    instances,
    search_changes,
);

// Web accounts (migration 000005_accounts). Kept apart from the list above so that their
// pairings with older tables are declared one by one.
diesel::table! {
    accounts (member_id) {
        member_id -> BigInt,
        password_hash -> Text,
        state -> Text,
        language -> Nullable<Text>,
        notify_solutions -> Bool,
        notify_acceptances -> Bool,
        notify_confirmations -> Bool,
        notify_follow_requests -> Bool,
        notify_session_reminders -> Bool,
        notify_mentions -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        email -> Nullable<Text>,
        email_confirmed_at -> Nullable<Timestamp>,
        mail_key -> Nullable<Text>,
        dilemmas_mailed_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        member_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    invites (code_hash) {
        code_hash -> Text,
        collective_id -> BigInt,
        created_by -> BigInt,
        used_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    membership_requests (member_id) {
        member_id -> BigInt,
        collective_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        member_id -> BigInt,
        kind -> Text,
        dilemma_id -> Nullable<BigInt>,
        reply_id -> Nullable<BigInt>,
        collective_id -> Nullable<BigInt>,
        actor_name -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        meeting_id -> Nullable<BigInt>,
        mailed_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(accounts -> members (member_id));
diesel::joinable!(sessions -> members (member_id));
diesel::joinable!(membership_requests -> members (member_id));
diesel::allow_tables_to_appear_in_same_query!(accounts, members);
diesel::allow_tables_to_appear_in_same_query!(sessions, members);
diesel::allow_tables_to_appear_in_same_query!(sessions, accounts);
diesel::allow_tables_to_appear_in_same_query!(membership_requests, members);
diesel::allow_tables_to_appear_in_same_query!(membership_requests, accounts);
diesel::allow_tables_to_appear_in_same_query!(membership_requests, collectives);

// Documents (migration 000007_documents).
diesel::table! {
    documents (id) {
        id -> BigInt,
        local -> Bool,
        dilemma_id -> BigInt,
        reply_id -> Nullable<BigInt>,
        uploader_id -> Nullable<BigInt>,
        title -> Text,
        kind -> Text,
        licence -> Text,
        media_type -> Text,
        file_name -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        url -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(documents -> dilemmas (dilemma_id));
diesel::allow_tables_to_appear_in_same_query!(documents, dilemmas);
diesel::allow_tables_to_appear_in_same_query!(documents, replies);

// Sessions (bijeenkomsten, migration 000011_meetings).
diesel::table! {
    meetings (id) {
        id -> BigInt,
        ap_id -> Text,
        local -> Bool,
        collective_id -> BigInt,
        title -> Text,
        source -> Text,
        content -> Text,
        mode -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        time_zone -> Text,
        place -> Text,
        meeting_link -> Nullable<Text>,
        capacity -> Nullable<BigInt>,
        participant_count -> BigInt,
        deleted -> Bool,
        outcome -> Text,
        outcome_source -> Text,
        participants -> Text,
        outcome_at -> Nullable<Timestamp>,
        published -> Timestamp,
        updated -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    meeting_dilemmas (meeting_id, dilemma) {
        meeting_id -> BigInt,
        dilemma -> Text,
        position -> BigInt,
    }
}

diesel::table! {
    meeting_registrations (id) {
        id -> BigInt,
        ap_id -> Text,
        meeting_id -> BigInt,
        member_id -> BigInt,
        collective -> Text,
        state -> Text,
        meeting_link -> Nullable<Text>,
        registered_at -> Timestamp,
        updated_at -> Timestamp,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(meetings -> collectives (collective_id));
diesel::joinable!(meeting_dilemmas -> meetings (meeting_id));
diesel::joinable!(meeting_registrations -> meetings (meeting_id));
diesel::joinable!(meeting_registrations -> members (member_id));
diesel::allow_tables_to_appear_in_same_query!(meetings, collectives);
diesel::allow_tables_to_appear_in_same_query!(meetings, meeting_dilemmas);
diesel::allow_tables_to_appear_in_same_query!(meetings, meeting_registrations);
diesel::allow_tables_to_appear_in_same_query!(meeting_registrations, members);

// Invitations to answer (koppelen, migration 000011).
diesel::table! {
    invitations (id) {
        id -> BigInt,
        ap_id -> Text,
        dilemma_id -> BigInt,
        invited -> Text,
        inviter_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::joinable!(invitations -> dilemmas (dilemma_id));

// Learning programmes (migration 000012_programmes).
diesel::table! {
    programmes (id) {
        id -> BigInt,
        ap_id -> Text,
        local -> Bool,
        collective_id -> BigInt,
        title -> Text,
        source -> Text,
        content -> Text,
        themes -> Text,
        deleted -> Bool,
        published -> Timestamp,
        updated -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    programme_steps (programme_id, position) {
        programme_id -> BigInt,
        position -> BigInt,
        text -> Text,
        target -> Text,
    }
}

diesel::table! {
    programme_followers (id) {
        id -> BigInt,
        programme_id -> BigInt,
        collective_id -> BigInt,
        follow_ap_id -> Text,
        accepted -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    programme_progress (programme_id, collective_id, position) {
        programme_id -> BigInt,
        collective_id -> BigInt,
        position -> BigInt,
        done -> Bool,
        notes -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(programmes -> collectives (collective_id));
diesel::joinable!(programme_steps -> programmes (programme_id));
diesel::joinable!(programme_followers -> programmes (programme_id));
diesel::joinable!(programme_followers -> collectives (collective_id));
diesel::joinable!(programme_progress -> programmes (programme_id));
diesel::allow_tables_to_appear_in_same_query!(programmes, collectives);
diesel::allow_tables_to_appear_in_same_query!(programme_followers, collectives);
diesel::allow_tables_to_appear_in_same_query!(programme_followers, programmes);

// What a person says they know about (migration 000013_member_expertise).
diesel::table! {
    member_expertise (member_id) {
        member_id -> BigInt,
        themes -> Text,
        description -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(member_expertise -> members (member_id));
diesel::allow_tables_to_appear_in_same_query!(member_expertise, members);

// E-mail (migration 000017_mail).
diesel::table! {
    mail_choices (member_id, kind) {
        member_id -> BigInt,
        kind -> Text,
        cadence -> Text,
    }
}

diesel::table! {
    mail_tokens (token_hash) {
        token_hash -> Text,
        member_id -> BigInt,
        purpose -> Text,
        email -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> BigInt,
        member_id -> Nullable<BigInt>,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        unsubscribe_url -> Nullable<Text>,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        leased_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(mail_choices, accounts);
diesel::allow_tables_to_appear_in_same_query!(mail_tokens, accounts);
