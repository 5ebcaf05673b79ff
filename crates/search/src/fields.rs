//! The index's schema and its analyzers: Dutch and English stemming chosen by the content's
//! language, each language in its own set of fields so each is stemmed its own way.

use tantivy::{
    Index,
    schema::{
        FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
        TextFieldIndexing, TextOptions,
    },
    tokenizer::{
        AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
        TextAnalyzer, TextAnalyzerBuilder, TokenizerManager,
    },
};

use crate::{compounds::Decompounder, plurals::VowelPlurals};

/// Bumped whenever the schema or the analyzers change: an index of another version is
/// rebuilt at start.
pub const SCHEMA_VERSION: u32 = 4;

/// Content languages with their own stemmer; anything else is indexed unstemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
    Other,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::En, Lang::Other];

    pub fn of(code: &str) -> Lang {
        match code {
            "nl" => Lang::Nl,
            "en" => Lang::En,
            _ => Lang::Other,
        }
    }

    fn tokenizer(self) -> &'static str {
        match self {
            Lang::Nl => "meent_nl",
            Lang::En => "meent_en",
            Lang::Other => "meent_plain",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }
}

/// The searchable text fields of one language.
#[derive(Debug, Clone, Copy)]
pub struct LangFields {
    pub title: Field,
    pub body: Field,
    pub solutions: Field,
}

#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    /// The dilemma's row id: the document's key.
    pub id: Field,
    /// `programme` on a learning programme's document; absent on a dilemma's.
    pub doc_type: Field,
    /// A programme's row id: its document's key.
    pub programme_id: Field,
    pub ap_id: Field,
    pub local: Field,
    pub collective_id: Field,
    pub visibility: Field,
    pub published: Field,
    nl: LangFields,
    en: LangFields,
    other: LangFields,
    /// Hashtags, lower-cased, unstemmed.
    pub tags: Field,
    /// Theme, status, municipality, kind, accepted, confirmed, language, year.
    pub facets: Field,
    /// Stored only: what a result shows.
    pub stored: Field,
    pub title_text: Field,
    pub body_text: Field,
    pub solutions_text: Field,
}

impl Fields {
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let id = b.add_i64_field("id", INDEXED | STORED | FAST);
        let doc_type = b.add_text_field("doc_type", STRING);
        let programme_id = b.add_i64_field("programme_id", INDEXED | STORED);
        let ap_id = b.add_text_field("ap_id", STRING | STORED);
        let local = b.add_bool_field("local", INDEXED);
        let collective_id = b.add_i64_field("collective_id", INDEXED);
        let visibility = b.add_text_field("visibility", STRING);
        let published = b.add_date_field("published", INDEXED | FAST);
        let mut lang = |l: Lang| {
            let opts = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(l.tokenizer())
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            LangFields {
                title: b.add_text_field(&format!("title_{}", l.suffix()), opts.clone()),
                body: b.add_text_field(&format!("body_{}", l.suffix()), opts.clone()),
                solutions: b.add_text_field(&format!("solutions_{}", l.suffix()), opts),
            }
        };
        let nl = lang(Lang::Nl);
        let en = lang(Lang::En);
        let other = lang(Lang::Other);
        let tags = b.add_text_field(
            "tags",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(Lang::Other.tokenizer())
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let stored = b.add_text_field("stored", STORED);
        let title_text = b.add_text_field("title_text", STORED);
        let body_text = b.add_text_field("body_text", STORED);
        let solutions_text = b.add_text_field("solutions_text", STORED);
        Fields {
            schema: b.build(),
            id,
            doc_type,
            programme_id,
            ap_id,
            local,
            collective_id,
            visibility,
            published,
            nl,
            en,
            other,
            tags,
            facets,
            stored,
            title_text,
            body_text,
            solutions_text,
        }
    }

    pub fn lang(&self, l: Lang) -> LangFields {
        match l {
            Lang::Nl => self.nl,
            Lang::En => self.en,
            Lang::Other => self.other,
        }
    }

    /// Every field a query's words are looked up in.
    pub fn searchable(&self) -> Vec<Field> {
        let mut all = Vec::new();
        for l in Lang::ALL {
            let f = self.lang(l);
            all.extend([f.title, f.body, f.solutions]);
        }
        all.push(self.tags);
        all
    }

    /// Registers the analyzers the fields name; needed on every opened index. Dutch text is
    /// indexed with each compound's parts beside it (see `compounds`).
    pub fn register_analyzers(index: &Index) {
        register(index.tokenizers(), true);
    }

    /// The analyzers a query's words go through: the same, except that Dutch compounds are
    /// left whole. Their parts are added to the query as alternatives instead (see
    /// `compound_query`): as tokens at one position they would make the query parser ask for
    /// all of them at once, and a text with only "sleutel" would not be found by
    /// "sleutelbeheer".
    pub fn query_tokenizers() -> TokenizerManager {
        let tokenizers = TokenizerManager::default();
        register(&tokenizers, false);
        tokenizers
    }

    /// The names of the Dutch fields, which alone know the compounds' parts.
    pub fn dutch_field_names(&self) -> Vec<String> {
        let f = self.nl;
        [f.title, f.body, f.solutions]
            .into_iter()
            .map(|field| self.schema.get_field_name(field).to_owned())
            .collect()
    }
}

fn base() -> TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

fn register(tokenizers: &TokenizerManager, decompound: bool) {
    // The parts come before the stemmer so that each is stemmed as the word on its own;
    // plurals in "-jes" and "-ies" are made singular first because the stemmer does not.
    let dutch = if decompound {
        base()
            .filter(Decompounder)
            .filter(VowelPlurals)
            .filter(Stemmer::new(Language::Dutch))
            .build()
    } else {
        base()
            .filter(VowelPlurals)
            .filter(Stemmer::new(Language::Dutch))
            .build()
    };
    tokenizers.register(Lang::Nl.tokenizer(), dutch);
    tokenizers.register(
        Lang::En.tokenizer(),
        base().filter(Stemmer::new(Language::English)).build(),
    );
    tokenizers.register(Lang::Other.tokenizer(), base().build());
}
