package org.camelshop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelshop.web.Browser;
import org.junit.jupiter.api.Test;

/**
 * Each mail template rendered with the shop's own logo and product image (files under web/) and photographed by the
 * test Chromium at a mail client's width: target/screenshots/mail-<template>.png, to look at; the layout must fit.
 */
class MailScreenshotsIT {

    @Test
    void everyMailFitsAMailClientsWidthWithItsLogoShown() throws Exception {
        String web = Path.of("web").toAbsolutePath().toUri().toString().replaceAll("/$", "");
        Brand brand = new Brand("Camel Shop", web, web + "/favicon.svg", "#7a1f2b", "#ffffff", "#1d2330", "#f5f6f8",
                List.of("100 Congress Avenue", "Austin, TX 78701", "United States"), web + "/preferences.html", "usd");
        Path dir = Files.createDirectories(Path.of("target", "mail-examples", "local")).toAbsolutePath();
        Map<String, MailRenderingTest.Rendered> examples;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            examples = MailRenderingTest.examples(camel.createProducerTemplate(), brand);
        }
        try (Browser browser = Browser.start(dir.toUri().toString())) {
            browser.width(640, 1800);
            for (var example : examples.entrySet()) {
                Files.writeString(dir.resolve(example.getKey() + ".html"), example.getValue().html());
                browser.driver().get(dir.resolve(example.getKey() + ".html").toUri().toString());
                assertEquals(Boolean.TRUE, browser.js("const logo = document.querySelector('img'); return logo.complete && logo.naturalWidth > 0"),
                        example.getKey() + ": the logo loads");
                Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(overflow.intValue() <= 0, example.getKey() + " is wider than 640 px by " + overflow);
                Number height = (Number) browser.js("return Math.ceil(document.body.getBoundingClientRect().height)");
                browser.width(640, height.intValue()); // the whole mail, no empty page below it
                browser.screenshot("mail-" + example.getKey());
                browser.width(640, 1800);
            }
        }
    }
}
