using OnTrack.Web;
using OnTrack.Web.Api;
using OnTrack.Web.Components;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Audit;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Course;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Interop;
using OnTrack.Web.Features.Lifestyle;
using OnTrack.Web.Features.Matching;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Notes;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Features.Outcomes;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Reviews;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;

var builder = WebApplication.CreateBuilder(args);

// Serve the build's static assets (with their compressed variants) when run from source in any
// environment, not only Development; a published app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddSingleton<NodaTime.IClock>(NodaTime.SystemClock.Instance);
builder.Services.AddOnTrackData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddOnTrackSecurity(builder.Configuration);
builder.Services.AddOnTrackApi();
builder.Services.AddClinics(builder.Configuration);
builder.Services.AddStaff();
builder.Services.AddClients();
builder.Services.AddCareTeams();
builder.Services.AddAudit();
builder.Services.AddScheduling();
builder.Services.AddInstruments(builder.Configuration);
builder.Services.AddMeasures(builder.Configuration);
builder.Services.AddCourse(builder.Configuration);
builder.Services.AddOutcomes();
builder.Services.AddPlans();
builder.Services.AddReviews();
builder.Services.AddNotes();
builder.Services.AddLifestyle();
builder.Services.AddMatching();
builder.Services.AddOnTrackNotifications(builder.Configuration);
builder.Services.AddRazorComponents();

var app = builder.Build();

app.UseOnTrackPipeline();
app.MapStaticAssets();
app.MapRazorComponents<App>();
app.MapAdditionalIdentityEndpoints();

// Every endpoint checks the request records it receives (Validation/InputRules) before its handler runs.
var endpoints = app.MapGroup("").AddEndpointFilter<OnTrack.Web.Validation.ValidateInputFilter>();
endpoints.MapAuth();
endpoints.MapClinics();
endpoints.MapScheduling();
endpoints.MapClients();
endpoints.MapCareTeams();
endpoints.MapAudit();
endpoints.MapMeasures();
endpoints.MapKiosk();
endpoints.MapInterop();
endpoints.MapCourse();
endpoints.MapOutcomes();
endpoints.MapPlans();
endpoints.MapReviews();
endpoints.MapNotes();
endpoints.MapLifestyle();
endpoints.MapMatching();
app.MapOnTrackApiDocs();

app.Run();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
