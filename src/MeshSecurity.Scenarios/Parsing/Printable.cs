using System.Globalization;
using System.Text;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Text from a scenario file made safe to print in an error message: control characters, separators other than the
/// space, format characters (such as the right-to-left override), unpaired surrogates and unassigned code points are
/// written as escapes (\n, \t, \r, \uXXXX), so a message cannot move the terminal's cursor or hide its own text.
/// </summary>
internal static class Printable
{
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && IsPrintable(text, i, out var width)) i += width;
        if (i == text.Length) return text;

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
        while (i < text.Length)
        {
            if (IsPrintable(text, i, out var width))
            {
                sb.Append(text, i, width);
                i += width;
                continue;
            }
            sb.Append(text[i] switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\u{(int)text[i]:X4}",
            });
            i++;
        }
        return sb.ToString();
    }

    private static bool IsPrintable(string text, int i, out int width)
    {
        width = 1;
        var c = text[i];
        if (c is >= ' ' and < '\u007f') return true;
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            return IsPrintableCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1])));
        }
        return IsPrintableCategory(CharUnicodeInfo.GetUnicodeCategory(c));
    }

    private static bool IsPrintableCategory(UnicodeCategory category) => category is not (UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
