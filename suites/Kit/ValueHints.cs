using Bogus;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Realistic values for attributes whose name says what they hold (emails, phone numbers, locales…), so a
/// server that validates formats accepts the generated data. Anything else gets generic multilingual text.</summary>
internal static class ValueHints
{
    /// <summary>A value for the string attribute at <paramref name="path"/> (e.g. <c>emails.value</c>), or null for no hint.</summary>
    public static string? For(string path, Faker faker, RunPrefix prefix) => path.ToLowerInvariant() switch
    {
        // An address as RFC 5321 writes one (RFC 7643 §4.1.2): ASCII only, since a localised domain word such as
        // "víctor" is refused by servers that validate addresses, and the check would then judge nothing.
        "emails.value" => $"{prefix.Name("mail")}@{faker.Random.String2(8, "abcdefghijklmnopqrstuvwxyz")}.example.com".ToLowerInvariant(),
        "phonenumbers.value" => "+1-555-" + faker.Random.Int(1000000, 9999999).ToString("000-0000"),
        "ims.value" => prefix.Name("im"),
        "photos.value" or "profileurl" or "applicationurls.value" => $"https://{prefix.Value}.example.com/{faker.Random.AlphaNumeric(8)}",
        "addresses.country" => faker.PickRandom("DE", "FR", "JP", "BR", "SE", "PL", "TR"),
        "addresses.postalcode" => faker.Random.Int(10000, 99999).ToString(),
        "locale" or "preferredlanguage" => faker.PickRandom("de-DE", "fr-FR", "ja-JP", "pt-BR", "sv-SE"),
        "timezone" => faker.PickRandom("Europe/Berlin", "Asia/Tokyo", "America/Sao_Paulo", "Europe/Stockholm"),
        "usertype" => faker.PickRandom("Employee", "Contractor", "Intern"),
        _ => null,
    };
}
