using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace OnTrack.Web.Shared;

/// <summary>
/// The FHIR boundary, through Firely's SDK: instrument files are checked to be valid FHIR R4
/// Questionnaires, and questionnaires and responses leave OnTrack as FHIR R4 JSON.
/// </summary>
public static class FhirJson
{
    public const string ContentType = "application/fhir+json";

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Parses the "questionnaire" part of an instrument file; a FHIR error names the element and position.</summary>
    public static Questionnaire ParseQuestionnaire(string instrumentFileJson)
    {
        var node = JsonNode.Parse(instrumentFileJson)?["questionnaire"]
            ?? throw new InvalidOperationException("\"questionnaire\" is missing.");
        try
        {
            return JsonSerializer.Deserialize<Questionnaire>(node.ToJsonString(), Options)
                ?? throw new InvalidOperationException("\"questionnaire\" is empty.");
        }
        catch (DeserializationFailedException ex)
        {
            throw new InvalidOperationException($"\"questionnaire\" is not a valid FHIR R4 Questionnaire: {string.Join(" ", ex.Exceptions.Select(e => e.Message))}", ex);
        }
    }

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);
}
