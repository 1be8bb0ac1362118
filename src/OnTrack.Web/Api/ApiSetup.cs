using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace OnTrack.Web.Api;

/// <summary>OpenAPI at /openapi/v1.json, a browsable reference at /api/docs, and every API error as RFC 9457 problem details.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddOnTrackApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new OffsetTimeJsonConverter());
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OnTrack API";
            document.Info.Description = "Booking, schedules and appointments. Errors are RFC 9457 problem details. Sign in with POST /api/auth/login for a bearer token. " +
                                        "Every date and time must carry its UTC offset (2026-03-19T13:00:00-07:00, or Z for UTC); a time without one is refused with 400, never guessed.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapOnTrackApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("OnTrack API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }
}

/// <summary>Malformed requests become 400 saying what to correct, in the caller's terms; anything unexpected a 500 without internals.</summary>
internal static class ApiErrors
{
    public static IApplicationBuilder UseApiProblemDetails(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteAsync }));

    /// <summary>The database is down, restarting or unreachable (not a bug of ours): the caller should retry.</summary>
    private static bool DatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException
                or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WriteAsync(HttpContext httpContext)
    {
        var exception = httpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid", RequestProblems.Describe(bad)),
            _ when DatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "Try again in a moment",
                "The database could not be reached just now. Nothing was saved; send the same request again (with the same Idempotency-Key) in a few seconds."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong", "The request could not be completed. Nothing was saved."),
        };
        if (status >= 500)
        {
            httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OnTrack.Api")
                .LogError(exception, "Unhandled error in {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }
        await httpContext.Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail, Instance = httpContext.Request.Path },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
