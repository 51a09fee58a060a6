using System.Text;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>Escaping for Markdown (GitHub-flavoured) that carries server-controlled text: a reason or a body
/// must neither break a table nor inject HTML, images or links into a pull-request comment or an Allure
/// description.</summary>
public static class MarkdownText
{
    /// <summary>Plain inline text: Markdown punctuation and HTML-significant characters are backslash-escaped,
    /// newlines become spaces. Safe inside a table cell.</summary>
    public static string Inline(string? text) => Escape(text, newline: " ");

    /// <summary>Text for a table cell that keeps its line breaks as <c>&lt;br&gt;</c>.</summary>
    public static string Cell(string? text) => Escape(text, newline: "<br>");

    private static string Escape(string? text, string newline)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;   // the \n that follows writes the break
                case '\r' or '\n':
                    sb.Append(newline);
                    break;
                // Entities rather than backslashes for HTML's characters: the raw text then never holds a tag.
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '!' or '#':
                    sb.Append('\\').Append(c);
                    break;
                default:
                    if (!char.IsControl(c) || c == '\t') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>An inline code span (for ids and references), fenced with more backticks than the text holds.
    /// In a table, <c>|</c> is escaped because GitHub splits table cells on it even inside code.</summary>
    public static string Code(string text, bool inTable = false)
    {
        var flat = text.Replace("\r", " ").Replace("\n", " ");
        if (inTable) flat = flat.Replace("|", "\\|");
        var fence = new string('`', LongestRun(flat, '`') + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{flat}{pad}{fence}";
    }

    /// <summary>A fenced code block whose fence is longer than any backtick run inside, so that no content can
    /// close it early and escape into Markdown.</summary>
    public static string Fence(string text, string info = "text")
    {
        var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        return $"{fence}{info}\n{text.TrimEnd('\n')}\n{fence}";
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
