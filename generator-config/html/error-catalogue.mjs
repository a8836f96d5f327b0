// Redocly plugin: shows the error catalogue (ErrorCode and its x-mixpay-errors) as a section of
// the reference. The description names ErrorCode only from an extension, so Redoc would not
// show it otherwise; the table is built from the description, never written by hand.
export default function mixpayDocs() {
  return {
    id: 'mixpay',
    decorators: {
      oas3: {
        'error-catalogue': () => ({
          Root: {
            leave(root) {
              const code = root.components?.schemas?.ErrorCode;
              const rows = code?.['x-mixpay-errors'];
              if (!rows) {
                throw new Error('ErrorCode has no x-mixpay-errors: nothing to show as the catalogue');
              }
              const messages = code['x-enum-descriptions'] ?? [];
              const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
              const table = [
                'Branch on `code`; the message is MixPay\'s and may change. MixPay may answer codes not listed here.',
                '',
                '| Code | HTTP status | MixPay\'s message | When |',
                '| ---: | ---: | --- | --- |',
                ...rows.map((row, i) => `| ${row.code} | ${row.httpStatus} | ${cell(messages[i])} | ${cell(row.when)} |`),
              ];
              root.tags = root.tags ?? [];
              root.tags.push({ name: 'Error catalogue', 'x-traitTag': true, description: table.join('\n') });
            },
          },
        }),
      },
    },
  };
}
