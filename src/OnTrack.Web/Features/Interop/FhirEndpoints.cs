using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;
using OnTrack.Web.Shared;

namespace OnTrack.Web.Features.Interop;

/// <summary>Read-only FHIR R4 views of instruments and completed forms, for other systems.</summary>
public static class FhirEndpoints
{
    public static IEndpointRouteBuilder MapInterop(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/api/fhir").WithTags("FHIR").RequireAuthorization(SecuritySetup.ApiPolicy);
        fhir.MapGet("/Questionnaire/{id}", (string id, InstrumentCatalog catalog) =>
                catalog.Questionnaires.TryGetValue(id, out var questionnaire)
                    ? Results.Text(FhirJson.Serialize(questionnaire), FhirJson.ContentType)
                    : Problem.NotFound($"The questionnaire '{id}'").ToResult())
            .WithSummary("An instrument as a FHIR R4 Questionnaire");
        fhir.MapGet("/QuestionnaireResponse/{id:guid}", ResponseAsync)
            .WithSummary("A completed form as a FHIR R4 QuestionnaireResponse (the client's own, their therapist's, or an admin's)");
        return app;
    }

    private static async Task<IResult> ResponseAsync(Guid id, OnTrackDbContext db, InstrumentCatalog catalog, CancellationToken ct)
    {
        var response = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (response is null)
        {
            return Problem.NotFound("The response").ToResult();
        }

        db.AuditRead("MeasureResponse", id.ToString(), response.ClientId, "FHIR");
        await db.SaveChangesAsync(ct);
        return Results.Text(FhirJson.Serialize(ToFhir(response, catalog)), FhirJson.ContentType);
    }

    public static QuestionnaireResponse ToFhir(MeasureResponse response, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(catalog);
        var answers = JsonSerializer.Deserialize<List<string?>>(response.Answers) ?? [];
        var instrument = catalog.All.GetValueOrDefault(response.InstrumentId);
        var fhir = new QuestionnaireResponse
        {
            Id = response.Id.ToString(),
            Questionnaire = $"Questionnaire/{response.InstrumentId}|{response.InstrumentVersion}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{response.ClientId}"),
            Authored = response.CompletedAt.ToDateTimeOffset().ToString("o", CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < answers.Count && instrument is not null && i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            var component = new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text };
            if (answers[i] is { } answer)
            {
                DataType value = item.IsNumeric
                    ? new FhirDecimal(decimal.Parse(answer, CultureInfo.InvariantCulture))
                    : new Coding(null, answer, item.Options.FirstOrDefault(o => o.Code == answer)?.Display);
                component.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = value });
            }

            fhir.Item.Add(component);
        }

        return fhir;
    }
}
