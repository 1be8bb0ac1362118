using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Validation;

/// <summary>
/// Checks an input (a request record, or a form model) and the records inside it against their
/// validation attributes, so the API and the forms refuse the same things in the same words.
/// </summary>
public static class InputRules
{
    private const int MaxDepth = 4;

    /// <summary>A 400 listing everything wrong with <paramref name="input"/>, or null when it is valid.</summary>
    public static Problem? Check(object? input)
    {
        var errors = new List<string>();
        Collect(input, errors, 0, topLevel: true);
        return errors.Count == 0 ? null : Problem.BadRequest(string.Join(" ", errors.Distinct()));
    }

    /// <summary>Whether the API should check this endpoint argument: a request record or a list of them (never a service).</summary>
    public static bool IsRequest(object? argument) => argument switch
    {
        null or string => false,
        IEnumerable list => list.Cast<object?>().Any(IsRecord),
        _ => IsRecord(argument),
    };

    private static bool IsRecord(object? value) =>
        value is not null && value.GetType().GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
        && value.GetType().Namespace?.StartsWith("OnTrack.", StringComparison.Ordinal) == true;

    private static void Collect(object? input, List<string> errors, int depth, bool topLevel)
    {
        if (input is null or string || depth > MaxDepth)
        {
            return;
        }

        if (input is IDictionary)
        {
            return;
        }

        if (input is IEnumerable list)
        {
            foreach (var item in list)
            {
                Collect(item, errors, depth + 1, topLevel: false);
            }

            return;
        }

        if (!topLevel && !IsRecord(input))
        {
            return;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => r.ErrorMessage ?? "A value is not valid."));
        foreach (var property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsValueType && p.PropertyType != typeof(string)))
        {
            Collect(property.GetValue(input), errors, depth + 1, topLevel: false);
        }
    }
}

/// <summary>Checks every request record an API endpoint receives, before the handler runs: a 400 problem, nothing stored.</summary>
internal sealed class ValidateInputFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var argument in context.Arguments.Where(InputRules.IsRequest))
        {
            if (InputRules.Check(argument) is { } problem)
            {
                return problem.ToResult();
            }
        }

        return await next(context);
    }
}
