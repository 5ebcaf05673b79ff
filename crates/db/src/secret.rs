//! A stored secret (a private key): read and written as text, but never shown by `Debug`,
//! so that logging a row, an error holding one or a test failure cannot print it.

use diesel::{
    backend::Backend,
    deserialize::{self, FromSql, FromSqlRow},
    expression::AsExpression,
    pg::Pg,
    serialize::{self, Output, ToSql},
    sql_types::Text,
    sqlite::Sqlite,
};

#[derive(Clone, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct SecretText(String);

impl SecretText {
    pub fn new(value: impl Into<String>) -> Self {
        SecretText(value.into())
    }

    /// The secret itself, for the one use that needs it (signing).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretText(hidden)")
    }
}

impl<DB: Backend> FromSql<Text, DB> for SecretText
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        String::from_sql(bytes).map(SecretText)
    }
}

impl ToSql<Text, Pg> for SecretText {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        <str as ToSql<Text, Pg>>::to_sql(self.0.as_str(), out)
    }
}

impl ToSql<Text, Sqlite> for SecretText {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        <str as ToSql<Text, Sqlite>>::to_sql(self.0.as_str(), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_does_not_show_the_secret() {
        let s = SecretText::new("-----BEGIN PRIVATE KEY-----abc");
        assert!(!format!("{s:?}").contains("abc"));
        assert!(!format!("{:?}", Some(s.clone())).contains("PRIVATE"));
        assert_eq!(s.expose(), "-----BEGIN PRIVATE KEY-----abc");
    }
}
