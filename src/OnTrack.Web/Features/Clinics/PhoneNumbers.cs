namespace OnTrack.Web.Features.Clinics;

/// <summary>Phone numbers as people write them, and as tap-to-call or tap-to-text links.</summary>
public static class PhoneNumbers
{
    /// <summary>Digits with the usual separators: + ( ) - . and spaces; at least two digits.</summary>
    public static bool IsValid(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length <= ClinicSettings.MaxPhoneLength
            && number.Count(char.IsAsciiDigit) >= 2
            && number.All(c => char.IsAsciiDigit(c) || c is '+' or '(' or ')' or '-' or '.' or ' ');
    }

    /// <summary>A <c>tel:</c> link for the number (digits and a leading +).</summary>
    public static string Tel(string number) => "tel:" + Dial(number);

    /// <summary>An <c>sms:</c> link for the number.</summary>
    public static string Sms(string number) => "sms:" + Dial(number);

    private static string Dial(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return number.TrimStart().StartsWith('+') ? "+" + digits : digits;
    }
}
