using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OnTrack.Domain.Course;

namespace OnTrack.Cli.Course;

/// <summary>A CSV problem, with the file and line it is on.</summary>
internal sealed class CourseCsvException(string message) : Exception(message);

/// <summary>Which columns to read and how to turn time into f(t).</summary>
internal sealed record CsvColumns(string Client, string Time, string Score, string? Intake, TimeScale Scale);

/// <summary>What a pass over the file gives: per-client sums (in order of first appearance) and the client ids.</summary>
internal sealed record CourseSums(ClientSums[] Clients, ClientIdTable Ids, long Rows);

/// <summary>
/// Streams a CSV of scores straight into per-client sums: one pass, one buffer, no row objects. Fields
/// may be quoted ("…", with "" for a quote); a quoted field may not span lines.
/// </summary>
internal static class CourseCsv
{
    private const int BufferSize = 1 << 20;

    /// <summary>Reads the file; <paramref name="onRow"/> (optional) sees every row as (client index, time, score), <paramref name="progress"/> the bytes read so far.</summary>
    public static CourseSums Read(string path, CsvColumns columns, Action<int, double, double>? onRow = null, Action<long>? progress = null, Action<int, string>? onClient = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, Path.GetFileName(path), columns, onRow, progress, onClient);
    }

    /// <summary>Reads from a stream; <paramref name="onClient"/> (optional) hears of each new client id with its index, before its first row.</summary>
    public static CourseSums Read(Stream stream, string name, CsvColumns columns, Action<int, double, double>? onRow = null, Action<long>? progress = null, Action<int, string>? onClient = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[BufferSize];
        var filled = 0;
        var start = 0;
        long line = 0;
        long consumed = 0;
        var eof = false;
        int[]? map = null;
        var ids = new ClientIdTable();
        var acc = new Accumulator[1024];
        var count = 0;
        long rows = 0;
        var lastId = new byte[256];
        var lastIdLength = -1;
        var lastIndex = -1;
        Span<Range> fields = stackalloc Range[4];
        var wanted = columns.Intake is null ? 3 : 4;

        while (true)
        {
            var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (eof)
                {
                    if (start == filled)
                    {
                        break;
                    }

                    newline = filled - start;
                }
                else
                {
                    // Move the partial line to the front and read more.
                    consumed += start;
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                    start = 0;
                    if (filled == buffer.Length)
                    {
                        // A line longer than the buffer: grow it (only a malformed file gets here).
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var read = stream.Read(buffer, filled, buffer.Length - filled);
                    if (read == 0)
                    {
                        eof = true;
                    }

                    filled += read;
                    progress?.Invoke(consumed + filled);
                    continue;
                }
            }

            var lineSpan = buffer.AsSpan(start, newline);
            start += Math.Min(newline + 1, filled - start);
            line++;
            if (lineSpan.Length > 0 && lineSpan[^1] == (byte)'\r')
            {
                lineSpan = lineSpan[..^1];
            }

            if (line == 1 && lineSpan.StartsWith("\uFEFF"u8))
            {
                lineSpan = lineSpan[3..];
            }

            if (lineSpan.IsEmpty)
            {
                continue;
            }

            if (map is null)
            {
                map = Header(lineSpan, name, columns);
                continue;
            }

            if (!Split(lineSpan, map, fields, wanted))
            {
                throw new CourseCsvException($"{name} line {line}: expected at least {map.Max() + 1} fields (the header has the columns), or a closing quote.");
            }

            // Client id: most files list a client's rows together, so compare with the previous id first.
            var idBytes = Unquote(lineSpan[fields[0]]);
            int index;
            if (idBytes.Length == lastIdLength && idBytes.SequenceEqual(lastId.AsSpan(0, lastIdLength)))
            {
                index = lastIndex;
            }
            else
            {
                if (idBytes.IsEmpty)
                {
                    throw new CourseCsvException($"{name} line {line}: the client id ({columns.Client}) is empty.");
                }

                index = ids.GetOrAdd(idBytes, out var added);
                if (added)
                {
                    count++;
                    if (index == acc.Length)
                    {
                        Array.Resize(ref acc, acc.Length * 2);
                    }

                    acc[index].Intake = double.NaN;
                    onClient?.Invoke(index, ids.Id(index));
                }

                if (lastId.Length < idBytes.Length)
                {
                    lastId = new byte[idBytes.Length * 2];
                }

                idBytes.CopyTo(lastId);
                lastIdLength = idBytes.Length;
                lastIndex = index;
            }

            var t = Number(lineSpan[fields[1]], name, line, columns.Time);
            var y = Number(lineSpan[fields[2]], name, line, columns.Score);
            var f = CourseTime.F(columns.Scale, t);
            if (!double.IsFinite(f))
            {
                throw new CourseCsvException($"{name} line {line}: {columns.Time} = {t.ToString(CultureInfo.InvariantCulture)} is outside the log1p time scale (it needs time > -1).");
            }

            ref var a = ref acc[index];
            if (columns.Intake is not null)
            {
                var intake = Number(lineSpan[fields[3]], name, line, columns.Intake);
                if (a.N == 0)
                {
                    a.Intake = intake;
                }
                else if (intake != a.Intake)
                {
                    throw new CourseCsvException($"{name} line {line}: {columns.Intake} for client '{ids.Id(index)}' is {intake.ToString(CultureInfo.InvariantCulture)} here but {a.Intake.ToString(CultureInfo.InvariantCulture)} on an earlier row; intake must be the same on all of a client's rows.");
                }
            }

            a.N++;
            a.SumF += f;
            a.SumF2 += f * f;
            a.SumY += y;
            a.SumFY += f * y;
            a.SumY2 += y * y;
            rows++;
            onRow?.Invoke(index, t, y);
        }

        if (map is null)
        {
            throw new CourseCsvException($"{name}: the file is empty (no header line).");
        }

        var sums = new ClientSums[count];
        for (var i = 0; i < count; i++)
        {
            ref var a = ref acc[i];
            sums[i] = new ClientSums(a.N, a.SumF, a.SumF2, a.SumY, a.SumFY, a.SumY2, double.IsNaN(a.Intake) ? 0 : a.Intake);
        }

        return new CourseSums(sums, ids, rows);
    }

    private static int[] Header(ReadOnlySpan<byte> line, string name, CsvColumns columns)
    {
        var header = Encoding.UTF8.GetString(line).Split(',').Select(h => h.Trim().Trim('"')).ToList();
        int Column(string column) => header.IndexOf(column) is var i and >= 0
            ? i
            : throw new CourseCsvException($"{name} line 1: no column '{column}' (columns: {string.Join(", ", header)}).");
        return columns.Intake is null
            ? [Column(columns.Client), Column(columns.Time), Column(columns.Score)]
            : [Column(columns.Client), Column(columns.Time), Column(columns.Score), Column(columns.Intake)];
    }

    /// <summary>Finds the wanted fields (by column position) in one line; false if the line is too short or a quote is unclosed.</summary>
    private static bool Split(ReadOnlySpan<byte> line, int[] map, Span<Range> fields, int wanted)
    {
        var found = 0;
        var column = 0;
        var position = 0;
        while (true)
        {
            int end;
            if (position < line.Length && line[position] == (byte)'"')
            {
                var close = position + 1;
                while (true)
                {
                    var q = line[close..].IndexOf((byte)'"');
                    if (q < 0)
                    {
                        return false;
                    }

                    close += q + 1;
                    if (close < line.Length && line[close] == (byte)'"')
                    {
                        close++;
                        continue;
                    }

                    break;
                }

                end = close;
            }
            else
            {
                var comma = line[position..].IndexOf((byte)',');
                end = comma < 0 ? line.Length : position + comma;
            }

            for (var k = 0; k < wanted; k++)
            {
                if (map[k] == column)
                {
                    fields[k] = new Range(position, end);
                    found++;
                }
            }

            if (found == wanted)
            {
                return true;
            }

            if (end >= line.Length)
            {
                return false;
            }

            position = end + 1;
            column++;
        }
    }

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field)
    {
        field = field.Trim((byte)' ');
        return field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"' ? field[1..^1] : field;
    }

    /// <summary>A finite number; plain decimals take an exact fast path (integer mantissa ≤ 15 digits / 10^k is correctly rounded).</summary>
    private static double Number(ReadOnlySpan<byte> field, string name, long line, string column)
    {
        field = Unquote(field);
        if (TryFast(field, out var value) || (Utf8Parser.TryParse(field, out value, out var used) && used == field.Length))
        {
            if (double.IsFinite(value))
            {
                return value;
            }
        }

        var text = Encoding.UTF8.GetString(field);
        throw new CourseCsvException(field.IsEmpty
            ? $"{name} line {line}: {column} is empty."
            : $"{name} line {line}: {column} = '{text}' is not a finite number.");
    }

    private static readonly double[] PowersOf10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private static bool TryFast(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var decimals = -1;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == (byte)'.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }

            var d = c - (byte)'0';
            if ((uint)d > 9 || ++digits > 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + d;
            if (decimals >= 0)
            {
                decimals++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = decimals > 0 ? mantissa / PowersOf10[decimals] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private struct Accumulator
    {
        public int N;
        public double SumF, SumF2, SumY, SumFY, SumY2, Intake;
    }
}
