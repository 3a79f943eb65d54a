import { type LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendarFeed, calendarFeedData } from "~/modules/instruments/calendar.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound } from "~/utils/auth.server";
import { publicOrigin } from "~/utils/request.server";

// The iCalendar feed a calendar client subscribes to. No session: the secret token in the URL is
// the key, and a reset token (or a removed user) answers 404 like any unknown one.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await calendarFeedData(params.token ?? "");
  if (!feed) throw notFound();
  const t = await i18nServer.getFixedT(request, "reminders");
  const body = buildCalendarFeed(feed, { origin: publicOrigin(), t });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="han-kiem-dinh.ics"',
      // The business's own data, fetched by calendar servers: not for shared caches.
      "Cache-Control": "private, no-cache",
      "X-Robots-Tag": "noindex",
    },
  });
}
