using Microsoft.Extensions.Options;
using OnTrack.Domain.Measures;
using OnTrack.Web.Shared;

namespace OnTrack.Web.Features.Instruments;

/// <summary>
/// Every instrument definition, read and checked once at start-up: a broken file stops OnTrack with a
/// message naming the file and the problem, rather than failing when a client opens a form.
/// </summary>
public sealed class InstrumentCatalog
{
    public InstrumentCatalog(IOptions<InstrumentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Folder = options.Value.InstrumentsFolder is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(AppContext.BaseDirectory, "instruments");
        if (!Directory.Exists(Folder))
        {
            throw new InvalidOperationException($"OnTrack:Measures:InstrumentsFolder: the folder '{Folder}' does not exist.");
        }

        var instruments = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        var questionnaires = new Dictionary<string, Hl7.Fhir.Model.Questionnaire>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            Instrument instrument;
            var text = File.ReadAllText(file);
            try
            {
                instrument = InstrumentReader.Read(text, Path.GetFileName(file));
                questionnaires[instrument.Id] = FhirJson.ParseQuestionnaire(text);
            }
            catch (Exception ex) when (ex is InstrumentFormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
                throw new InvalidOperationException($"Instrument definition {file} cannot be used: {ex.Message}", ex);
            }

            if (!instruments.TryAdd(instrument.Id, instrument))
            {
                throw new InvalidOperationException($"Instrument id '{instrument.Id}' is defined twice (second time in {file}).");
            }
        }

        // Forms made per client (the goal ratings) are known by their template, so charts and progress
        // read their responses like any other; a file may not take their id.
        foreach (var template in GeneratedTemplates)
        {
            if (!instruments.TryAdd(template.Id, template))
            {
                throw new InvalidOperationException($"Instrument id '{template.Id}' is OnTrack's own ({template.Title}); rename the file's instrument.");
            }
        }

        All = instruments;
        Plannable = instruments.Values.Where(i => !i.GeneratedPerClient && i.Role != InstrumentRole.Review).ToDictionary(i => i.Id, StringComparer.Ordinal);
        Questionnaires = questionnaires;
    }

    /// <summary>OnTrack's own forms, sent by a feature rather than a measurement plan: the goal ratings, the review questionnaire.</summary>
    private static readonly Instrument[] GeneratedTemplates = [OnTrack.Domain.Plans.GoalRatingForm.Template, OnTrack.Domain.Reviews.ReviewQuestionnaire.Instrument];

    /// <summary>The instruments a measurement plan or a paper form can name (not the per-client goal ratings, nor the review questionnaire a review sends).</summary>
    public IReadOnlyDictionary<string, Instrument> Plannable { get; }

    /// <summary>Each instrument's questionnaire as Firely parsed it: what OnTrack serves as FHIR.</summary>
    public IReadOnlyDictionary<string, Hl7.Fhir.Model.Questionnaire> Questionnaires { get; }

    public string Folder { get; }

    public IReadOnlyDictionary<string, Instrument> All { get; }
}
