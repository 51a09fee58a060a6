using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>Tokens a target issues during a run (the credential probe) are not known when the session starts; the
/// redactor masks them by where OAuth puts them, so no issued credential reaches a report.</summary>
public sealed class IssuedTokenRedactionTests
{
    [Theory]
    [InlineData("""{"access_token":"abc123secret","token_type":"Bearer"}""", """{"access_token":"[REDACTED]","token_type":"Bearer"}""")]
    [InlineData("""{"refresh_token" : "r-1", "id_token":"eyJ.x.y"}""", """{"refresh_token" : "[REDACTED]", "id_token":"[REDACTED]"}""")]
    [InlineData("token=abc123secret&token_type_hint=access_token", "token=[REDACTED]&token_type_hint=access_token")]
    [InlineData("https://idp.example/introspect?token=abc123secret", "https://idp.example/introspect?token=[REDACTED]")]
    public void Issued_tokens_are_masked(string text, string masked) =>
        Assert.Equal(masked, new Redactor([]).Text(text));

    [Fact]
    public void Ordinary_text_about_tokens_is_left_alone()
    {
        const string text = """{"detail":"send the token in the Authorization header","mytoken=1":true}""";
        Assert.Equal(text, new Redactor([]).Text(text));
    }
}
