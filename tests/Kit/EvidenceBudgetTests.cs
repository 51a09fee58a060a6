using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>What a server sends back is kept as evidence only up to a bound: single values are cut in the middle with
/// the count of what was cut, exchanges keep short URLs and headers, and long bodies draw on one budget per run.</summary>
public class EvidenceBudgetTests
{
    [Fact]
    public void A_long_value_keeps_its_beginning_and_end_and_says_how_much_was_cut()
    {
        var text = "PUT /Users/" + new string('x', 60_000) + " failed: the connection was reset";

        var capped = EvidenceText.Cap(text)!;

        Assert.True(capped.Length < EvidenceText.MaxLength + 40, $"{capped.Length} characters kept");
        Assert.StartsWith("PUT /Users/xxx", capped);
        Assert.EndsWith("failed: the connection was reset", capped);
        Assert.Contains($"({text.Length - EvidenceText.MaxLength} characters cut)", capped);
    }

    [Fact]
    public void A_short_value_is_kept_as_it_is()
    {
        const string text = "the thing is wrong";
        Assert.Same(text, EvidenceText.Cap(text));
        Assert.Null(EvidenceText.Cap(null));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("\U0001F600", 5_000));

        var capped = EvidenceText.Cap(text)!;

        for (var i = 0; i < capped.Length; i++)
        {
            if (char.IsHighSurrogate(capped[i]))
                Assert.True(char.IsLowSurrogate(capped[++i]), $"a lone high surrogate at {i - 1}");
            else
                Assert.False(char.IsLowSurrogate(capped[i]), $"a lone low surrogate at {i}");
        }
    }

    [Fact]
    public void Long_lists_of_evidence_keep_the_first_entries_and_a_count_of_the_rest()
    {
        var items = Enumerable.Range(0, EvidenceText.MaxEntries + 50).Select(i => $"note {i}").ToList();

        var kept = EvidenceText.CapEntries(items, omitted => $"… and {omitted} more");

        Assert.Equal(EvidenceText.MaxEntries + 1, kept.Count);
        Assert.Equal("… and 50 more", kept[^1]);
    }

    [Fact]
    public void An_exchange_admitted_when_recorded_is_drawn_once_and_kept_as_admitted()
    {
        var body = new string('b', EvidenceBudget.BodyAlwaysWhole + 1_000);
        var budget = new EvidenceBudget(bodyCharacters: body.Length + 10);

        var admitted = budget.Admit(Exchange("https://scim.example.test/v2/Users", body));
        var kept = budget.Keep(admitted);
        var later = budget.Admit(Exchange("https://scim.example.test/v2/Users", body));

        Assert.Same(admitted, kept);
        Assert.Equal(body, kept.ResponseBody);
        Assert.True(later.ResponseBodyTruncated);
        Assert.Same(later, budget.Keep(later));
    }

    private static Exchange Exchange(string url, string body, string? location = null) => new()
    {
        Method = "GET",
        Url = url,
        Status = 200,
        ResponseHeaders = location is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Location"] = location },
        ResponseBody = body,
    };

    [Fact]
    public void An_ordinary_exchange_is_kept_unchanged_and_draws_nothing()
    {
        var budget = new EvidenceBudget(bodyCharacters: 0);
        var exchange = Exchange("https://scim.example.test/v2/Users/1", "{\"id\":\"1\"}", "https://scim.example.test/v2/Users/1");

        Assert.Same(exchange, budget.Keep(exchange));
    }

    [Fact]
    public void Urls_and_header_values_of_huge_ids_are_capped()
    {
        var id = new string('x', 60_000);
        var budget = new EvidenceBudget();

        var kept = budget.Keep(Exchange($"https://scim.example.test/v2/Users/{id}", "{}", $"https://scim.example.test/v2/Users/{id}"));

        Assert.True(kept.Url.Length <= EvidenceBudget.MaxUrlLength + 40, $"{kept.Url.Length}");
        Assert.Contains("characters cut", kept.Url);
        Assert.True(kept.ResponseHeaders["location"].Length <= EvidenceBudget.MaxHeaderValueLength + 40);
    }

    [Fact]
    public void Long_bodies_are_whole_while_the_budget_lasts_then_cut_visibly_and_short_ones_always_whole()
    {
        var body = new string('b', EvidenceBudget.BodyAlwaysWhole + 1_000);
        var budget = new EvidenceBudget(bodyCharacters: body.Length + 10);

        var first = budget.Keep(Exchange("https://scim.example.test/v2/Users", body));
        var second = budget.Keep(Exchange("https://scim.example.test/v2/Users", body));
        var small = budget.Keep(Exchange("https://scim.example.test/v2/Users", "{\"totalResults\":0}"));

        Assert.Equal(body, first.ResponseBody);
        Assert.False(first.ResponseBodyTruncated);
        Assert.True(second.ResponseBodyTruncated);
        Assert.Contains($"({body.Length - EvidenceBudget.BodyAfterBudget} characters cut)", second.ResponseBody);
        Assert.Equal("{\"totalResults\":0}", small.ResponseBody);
    }

    [Fact]
    public void Each_citation_of_a_long_body_draws_on_the_budget_and_whole_citations_share_one_object()
    {
        var body = new string('b', EvidenceBudget.BodyAlwaysWhole + 1_000);
        var budget = new EvidenceBudget(bodyCharacters: 2 * body.Length + 10);
        var discovery = Exchange("https://scim.example.test/v2/Schemas", body);

        var kept = Enumerable.Range(0, 4).Select(_ => budget.Keep(discovery)).ToList();

        Assert.Same(discovery, kept[0]);
        Assert.Same(discovery, kept[1]);
        Assert.True(kept[2].ResponseBodyTruncated);
        Assert.Same(kept[2], kept[3]);
    }
}
