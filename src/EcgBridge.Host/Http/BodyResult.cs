namespace EcgBridge.Host.Http;

/// <summary>An HTTP answer with a status, a content type and bytes (FHIR bodies are stored and replayed as bytes).</summary>
internal sealed class BodyResult(int status, string contentType, byte[] body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
