using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

public class RedactorTests
{
    private readonly Redactor _redactor = new(["s3cr3t-token", null, "ab"]);

    [Fact]
    public void Credential_headers_keep_their_scheme_but_lose_their_value()
    {
        Assert.Equal("Bearer [REDACTED]", _redactor.Header("Authorization", "Bearer anything-at-all"));
        Assert.Equal("[REDACTED]", _redactor.Header("Cookie", "session=xyz"));
        Assert.Equal("application/json", _redactor.Header("Accept", "application/json"));
    }

    [Fact]
    public void A_secret_echoed_anywhere_in_text_is_masked()
    {
        Assert.Equal("{\"token\":\"[REDACTED]\"} and ?t=[REDACTED]", _redactor.Text("{\"token\":\"s3cr3t-token\"} and ?t=s3cr3t-token"));
    }

    [Fact]
    public void Very_short_values_are_not_treated_as_secrets_everywhere()
    {
        // "ab" would mangle ordinary text without protecting anything.
        Assert.Equal("about", _redactor.Text("about"));
    }

    [Fact]
    public void An_api_key_header_is_masked_whole_even_when_its_value_looks_like_a_scheme()
    {
        var redactor = new Redactor([]);
        redactor.AddCredentialHeader("X-Tenant-Key");

        // Only Authorization headers keep their scheme; an API key's first word is part of the secret.
        Assert.Equal(Redactor.Mask, redactor.Header("x-tenant-key", "abc123 secretpart"));
        Assert.Equal(Redactor.Mask, redactor.Header("X-API-Key", "Key 9f3a77e1"));
        Assert.Equal("Bearer " + Redactor.Mask, redactor.Header("Authorization", "Bearer 9f3a77e1"));
    }
}
