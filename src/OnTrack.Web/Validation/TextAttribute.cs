using System.ComponentModel.DataAnnotations;

namespace OnTrack.Web.Validation;

/// <summary>
/// The rule for a text field, the same wherever the text comes in (API request records, form models):
/// at most <c>maxLength</c> characters once trimmed, no control characters (line breaks and tabs only in
/// <see cref="Multiline"/> text), no broken surrogate pairs. Messages name the field by its
/// <c>label</c>, in words, never by a property name.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class TextAttribute(string label, int maxLength) : ValidationAttribute
{
    public string Label => label;

    public int MaxLength => maxLength;

    /// <summary>Line breaks are allowed (an address, crisis resources, the action taken on an alert).</summary>
    public bool Multiline { get; init; }

    /// <summary>Empty or blank text is refused.</summary>
    public bool IsRequired { get; init; }

    public int MinLength { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var problem = TextRules.Problem(value as string, label, maxLength, Multiline, IsRequired, MinLength);
        return problem is null ? ValidationResult.Success : new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null);
    }
}

/// <summary>The checks behind <see cref="TextAttribute"/>, for text that does not arrive in a record.</summary>
public static class TextRules
{
    /// <summary>What is wrong with <paramref name="value"/> as <paramref name="label"/>, in a sentence; null when it is fine.</summary>
    public static string? Problem(string? value, string label, int maxLength, bool multiline = false, bool required = false, int minLength = 0)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (string.IsNullOrWhiteSpace(value))
        {
            return required || minLength > 0 ? $"{label} is required." : null;
        }

        var length = value.Trim().Length;
        if (length > maxLength)
        {
            return $"{label} can be at most {maxLength} characters long.";
        }

        if (length < minLength)
        {
            return $"{label} needs at least {minLength} characters.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"{label} contains a character that is not valid text.";
            }

            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return multiline
                    ? $"{label} contains an invisible control character; only letters, numbers, punctuation, spaces and line breaks can be used."
                    : $"{label} contains an invisible control character or a line break; it must be one line of letters, numbers, punctuation and spaces.";
            }
        }

        return null;
    }
}
